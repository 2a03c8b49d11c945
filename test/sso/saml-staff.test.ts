/**
 * SP-initiated SAML login for a teacher who works at two schools: after the request she
 * chooses the school; the response names that school's BRIN and her affiliation (employee),
 * the ledger records a staff release, and the NameID is the same for both schools (one person
 * at one publisher).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, createTestSchool, type TestBrowser } from '../helpers/app.js';
import { uniqueEmail } from '../accounts/staff-helpers.js';
import { activateAndSignIn } from '../accounts/substitute-helpers.js';
import { consentedPublisher } from './oidc-helpers.js';
import { makeSp, postedForm, type TestSp } from './saml-helpers.js';

async function loginAt(browser: TestBrowser, sp: TestSp, choose: (schoolHrefs: string[]) => string) {
  const start = await browser.get(new URL(await sp.saml.getAuthorizeUrlAsync('', undefined, {})).href.replace(/^https?:\/\/[^/]+/, ''));
  assert.equal(start.statusCode, 303, start.body.slice(0, 300));
  const chooser = await browser.get(start.headers.location as string);
  assert.equal(chooser.statusCode, 200);
  assert.match(chooser.body, /Voor welke school logt u in\?/);
  const hrefs = [...chooser.body.matchAll(/<a href="(\/saml\/sso\/verder\?[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const page = await browser.get(choose(hrefs));
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  return sp.saml.validatePostResponseAsync({ SAMLResponse: postedForm(page.body).fields.SAMLResponse });
}

for (const database of testDatabases()) {
  test(`SAML SP-initiated login for a teacher of two schools (${database.name})`, async (t) => {
    const app = await buildTestApp(database);
    t.after(() => app.close());
    const first = await createTestSchool(app.capabilities, 'Basisschool De Linde');
    const second = await createTestSchool(app.capabilities, 'Basisschool Het Anker');
    const email = uniqueEmail('meester');
    for (const school of [first, second]) {
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email, displayName: 'Meester Bram', role: 'teacher' });
    }
    const publisher = await consentedPublisher(app, first, 'standard');
    // The second school's board has an agreement too, and the school ticked the publisher.
    await app.capabilities.privacy.agreements.set({ id: 'operator:test', name: 'Testbeheer' }, { boardId: second.boardId, publisherId: publisher.id, profile: 'standard' });
    await app.capabilities.privacy.consents.set({ id: 'operator:test', name: 'Testbeheer' }, { schoolId: second.id }, { publisherId: publisher.id, granted: true });
    const sp = await makeSp(app, { register: { publisherSlug: publisher.slug, profile: 'standard' } });
    const browser = await activateAndSignIn(app, email);

    const atFirst = await loginAt(browser, sp, (hrefs) => hrefs.find((h) => h.endsWith(`school=${first.id}`)) as string);
    const attrs = atFirst.profile?.attributes as Record<string, unknown>;
    assert.equal(attrs.nlEduPersonHomeOrganizationId, first.brin);
    assert.equal(attrs.eduPersonAffiliation, 'employee');
    assert.equal(attrs.givenName, 'Meester');
    assert.equal(attrs.leerpoortGroup, undefined, 'a teacher has no group of her own to release');

    const atSecond = await loginAt(browser, sp, (hrefs) => hrefs.find((h) => h.endsWith(`school=${second.id}`)) as string);
    assert.equal((atSecond.profile?.attributes as Record<string, unknown>).nlEduPersonHomeOrganizationId, second.brin);
    assert.equal(atSecond.profile?.nameID, atFirst.profile?.nameID, 'one person, one publisher: one NameID');

    const ledger = await app.capabilities.privacy.ledger.list({ schoolId: second.id });
    assert.ok(ledger.some((e) => e.recipient === sp.entityId && e.subjectKind === 'staff' && e.channel === 'saml'));
  });
}
