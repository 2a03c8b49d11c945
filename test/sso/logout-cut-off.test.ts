/**
 * Leerpoort cutting a person off without a logout button, as a publisher sees it (openid-client +
 * a local back-channel receiver): a staff password reset, a staff account switched off, a pupil
 * deactivated by a roster import (in the server, and in a process without the HTTP edge, as
 * `leerpoort import-edexml` runs it) and a pupil deactivated again by an undo each revoke the person's refresh tokens and send the
 * publisher a logout_token. A pupil who never used OIDC costs the publishers nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { testDatabases } from '../helpers/databases.js';
import { createTestSchool, signInAsOperator, type TestApp } from '../helpers/app.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { uniqueEmail, GOOD_PASSWORD } from '../accounts/staff-helpers.js';
import { writeEdexml } from '../../src/roster/generator/index.js';
import { composeCapabilities } from '../../src/compose.js';
import { activeTeacher, backchannelReceiver, consentedPublisher, csrfOf, HttpBrowser, launch, listeningApp, oidc, refused, registerClient, signedInPupil, signedInStaff, type Launch, type Publisher } from './oidc-helpers.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;
// With LEERPOORT_TEST_REDIS the same tests run again with oidc-provider's state in Redis (adapter-redis.ts).
const variants = testDatabases().flatMap((database) => [
  { database, name: database.name, env: {} as Record<string, string> },
  ...(redisUrl ? [{ database, name: `${database.name}+redis`, env: { REDIS_URL: redisUrl } }] : []),
]);

const NEW_PASSWORD = 'groene giraf zingt in de regen';

for (const { database, name, env } of variants) {
  test(`Leerpoort cutting a person off ends her OIDC grants and tells the publishers (${name})`, async (t) => {
    const receiver = await backchannelReceiver();
    // Every pupil here signs in from 127.0.0.1, and the per-IP counter in a shared Redis also counts other test files' logins.
    const app = await listeningApp(database, { ...env, PUPIL_IP_MAX_PER_MINUTE: '1000000' });
    t.after(async () => {
      await app.close();
      await receiver.close();
    });
    const jwks = createRemoteJWKSet(new URL(`${app.baseUrl}/oidc/jwks`));
    const withBackchannel = async (school: { id: number; boardId: number }) =>
      registerClient(app, await consentedPublisher(app, school), { profile: 'minimal', host: receiver.url, backchannelLogoutUri: `${receiver.url}/backchannel` });

    /** The logout_tokens received since `before`: all for this publisher, about this person. */
    async function toldAbout(publisher: Publisher, launched: Launch, before: number, count: number) {
      assert.equal(receiver.received.length, before + count, `${count} back-channel logout(s)`);
      for (const token of receiver.received.slice(before)) {
        const { payload } = await jwtVerify(token, jwks, { issuer: `${app.baseUrl}/oidc`, audience: publisher.clientId });
        assert.equal(payload.sub, launched.tokens.claims()!.sub);
        assert.ok((payload.events as Record<string, unknown>)['http://schemas.openid.net/event/backchannel-logout']);
      }
    }

    await t.test('a staff password reset: refresh refused on every device, logout_token, the old sessions signed out', async () => {
      const school = await createTestSchool(app.capabilities, 'Basisschool Het Nieuwe Wachtwoord');
      const { email } = await activeTeacher(app, school.id, uniqueEmail('juf.reset'), GOOD_PASSWORD);
      const publisher = await withBackchannel(school);
      const laptop = await signedInStaff(app, email, GOOD_PASSWORD);
      const launched = await launch(laptop, publisher);
      const before = receiver.received.length;

      const phone = new HttpBrowser(app.baseUrl);
      await phone.request('/wachtwoord-vergeten', { form: { _csrf: await csrfOf(phone, '/wachtwoord-vergeten'), email } });
      const mail = await app.db.kysely.selectFrom('mail_messages').select('text').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const resetPath = /\/account\/nieuw-wachtwoord\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0];
      const done = await phone.request(resetPath, { form: { _csrf: await csrfOf(phone, resetPath), password: NEW_PASSWORD } });
      assert.equal(done.status, 303, 'the new password is set');

      await refused(publisher, launched.tokens.refresh_token!, 'the refresh token from before the reset is refused');
      await toldAbout(publisher, launched, before, 1);
      assert.notEqual((await laptop.request('/account')).status, 200, 'the laptop is signed out of Leerpoort');
      assert.equal((await phone.request('/account')).status, 200, 'the browser that reset the password is signed in');
    });

    await t.test('a staff account switched off by the operator: refresh refused, logout_token', async () => {
      const school = await createTestSchool(app.capabilities, 'Basisschool De Schakelaar');
      const { email, accountId } = await activeTeacher(app, school.id, uniqueEmail('juf.uit'), GOOD_PASSWORD);
      const publisher = await withBackchannel(school);
      const launched = await launch(await signedInStaff(app, email, GOOD_PASSWORD), publisher);
      const before = receiver.received.length;

      const operator = await signInAsOperator(app);
      await operator.get(`/beheer/accounts?email=${encodeURIComponent(email)}`);
      const off = await operator.post(`/beheer/accounts/medewerkers/${accountId}/uitschakelen`);
      assert.equal(off.statusCode, 303, off.body);

      await refused(publisher, launched.tokens.refresh_token!, 'the refresh token is refused');
      await toldAbout(publisher, launched, before, 1);
    });

    await t.test('pupils deactivated by a roster import: the one who used OIDC is logged out there, the one who did not costs nothing', async () => {
      const { school, scope, roster, pupils } = await schoolWithPupils(app, 24);
      const publisher = await withBackchannel(school);
      const [leaving, neverLaunched, staying] = pupils;
      const launched = await launch(await signedInPupil(app, scope, leaving.pupilId), publisher);
      const stays = await launch(await signedInPupil(app, scope, staying.pupilId), publisher);
      const before = receiver.received.length;

      const summary = await reimportWithout(app, school.id, roster, [leaving.pupilId, neverLaunched.pupilId]);
      assert.equal(summary.counts.pupils.deactivated, 2);

      await refused(publisher, launched.tokens.refresh_token!, "the deactivated pupil's refresh token is refused");
      await toldAbout(publisher, launched, before, 1);
      const refreshed = await oidc.refreshTokenGrant(publisher.config, stays.tokens.refresh_token!);
      assert.ok(refreshed.access_token, 'a pupil still in the roster keeps her grant');
    });

    await t.test('undoing the import that brought a pupil back deactivates her again: refresh refused, logout_token', async () => {
      const { school, scope, roster, pupils } = await schoolWithPupils(app, 12);
      const publisher = await withBackchannel(school);
      const returning = pupils[0].pupilId;
      await reimportWithout(app, school.id, roster, [returning]);
      const back = await reimportWithout(app, school.id, roster, []);
      assert.equal(back.counts.pupils.updated + back.counts.pupils.added, 1, 'the pupil is back');
      const launched = await launch(await signedInPupil(app, scope, returning), publisher);
      const before = receiver.received.length;

      await app.capabilities.roster.undoImport(scope, back.importId!, 'test');
      await refused(publisher, launched.tokens.refresh_token!, "the pupil's refresh token is refused");
      await toldAbout(publisher, launched, before, 1);
    });

    await t.test('a roster import in a process without the HTTP edge (the CLI) tells the publisher too', async () => {
      const { school, scope, roster, pupils } = await schoolWithPupils(app, 12);
      const publisher = await withBackchannel(school);
      const launched = await launch(await signedInPupil(app, scope, pupils[0].pupilId), publisher);
      const before = receiver.received.length;

      // As `leerpoort import-edexml` composes Leerpoort: same database, no server, no OIDC pages.
      const cli = composeCapabilities({ config: app.config, db: app.db, clock: app.clock });
      try {
        await reimportWithout({ ...app, capabilities: cli }, school.id, roster, [pupils[0].pupilId]);
      } finally {
        // As the command does (cli/runtime.ts): its OIDC store and its sessions may hold a Redis connection.
        await cli.oidc.runtime.stop();
        await cli.sessions.close();
      }
      await refused(publisher, launched.tokens.refresh_token!, 'the refresh token is refused');
      await toldAbout(publisher, launched, before, 1);
    });
  });
}

/** Applies the school's roster again without these pupils (they are deactivated). */
async function reimportWithout(t: Pick<TestApp, 'capabilities' | 'db'>, schoolId: number, roster: Awaited<ReturnType<typeof schoolWithPupils>>['roster'], pupilIds: number[]) {
  const rows = pupilIds.length === 0 ? [] : await t.db.kysely.selectFrom('pupils').select('las_key').where('id', 'in', pupilIds).execute();
  const gone = new Set(rows.map((row) => row.las_key));
  const content = writeEdexml({ ...roster, pupils: roster.pupils.filter((pupil) => !gone.has(pupil.key)) });
  const summary = await t.capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId, actor: 'test', content, fileName: null, confirmLargeChange: true });
  assert.equal(summary.status, 'applied', JSON.stringify(summary.errors));
  return summary;
}
