/**
 * The OIDC release decision reads a pupil and the privacy gate in one statement (the gate's SQL
 * joined onto the pupil query). These check that the joined read means what the two separate
 * reads meant: the same agreement and profile, the gate's refusals with the publisher's name,
 * the school scope, and person first when both the pupil and the consent are gone.
 */
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, createTestSchool } from '../helpers/app.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { isAppError } from '../../src/lib/errors.js';
import { createPseudonyms, loadPupil } from '../../src/sso/index.js';
import { accountIdOf, createReleaseDecider } from '../../src/sso/oidc/release.js';
import { consentedPublisher, withdrawConsent } from './oidc-helpers.js';

/** For assert.rejects: the AppError with this code (and, where given, a message naming `named`). */
const refused = (code: string, named?: string) => (error: unknown) =>
  isAppError(error) && error.code === code && (named === undefined || error.message.includes(named));

for (const database of testDatabases()) {
  test(`OIDC release decision: pupil and privacy gate in one read, same meaning as the two reads (${database.name})`, async () => {
    const t = await buildTestApp(database);
    try {
      const { school, pupils } = await schoolWithPupils(t, 3);
      const { privacy } = t.capabilities;
      const decider = createReleaseDecider({ db: t.db.kysely, clock: t.clock, pseudonyms: createPseudonyms(t.config.pseudonymKey), privacy });
      const publisher = await consentedPublisher(t, school, 'standard');
      const client = (publisherId: number) => ({ clientId: 'test-client', publisherId, sector: 'test.example', profile: 'with_eck' as const });
      const [first, second] = pupils.map((p) => p.pupilId);

      const decision = await decider.decide(accountIdOf('pupil', first, school.id), client(publisher.id));
      assert.deepEqual(decision.person, await loadPupil(t.db.kysely, first, school.id));
      const gate = await privacy.authorizeRelease({ schoolId: school.id, publisherId: publisher.id });
      assert.equal(decision.agreementId, gate.agreementId);
      assert.equal(decision.profile, 'standard', "the narrower of the client's and the agreement's profile");

      const other = await createTestSchool(t.capabilities, 'Basisschool De Kring');
      await assert.rejects(decider.decide(accountIdOf('pupil', first, other.id), client(publisher.id)), refused('sso.person_not_found'), 'another school');

      const unsigned = await t.capabilities.catalogue.publishers.add('test', { slug: `zonder-${randomBytes(4).toString('hex')}`, name: 'Uitgeverij Zonder Overeenkomst' });
      await assert.rejects(decider.decide(accountIdOf('pupil', first, school.id), client(unsigned.id)), refused('privacy.no_agreement', unsigned.name));

      await withdrawConsent(t, school.id, publisher.id);
      await assert.rejects(decider.decide(accountIdOf('pupil', first, school.id), client(publisher.id)), refused('privacy.no_consent', publisher.name));

      // Person first: a pupil who is gone hears that, not that the school withdrew its consent.
      await t.db.kysely.updateTable('pupils').set({ active: 0 }).where('id', '=', second).execute();
      await assert.rejects(decider.decide(accountIdOf('pupil', second, school.id), client(publisher.id)), refused('sso.person_not_found'), 'no consent either');
      await assert.rejects(decider.decide(accountIdOf('pupil', second, school.id), client(unsigned.id)), refused('sso.person_not_found'), 'no agreement either');
    } finally {
      await t.close();
    }
  });
}
