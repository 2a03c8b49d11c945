/**
 * Substitutes (invalkrachten) through the real app: the ICT-coördinator gives a new person
 * access to one group for today; the substitute activates her account, sees that group's
 * overview and no other, and is refused once the period is over. Teachers grant only for their
 * own groups; periods over 14 days are refused; revoking ends access at once; the school's
 * invalgroep can be granted; the page lists every grant with its state (the audit list).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, type TestDatabase } from '../helpers/databases.js';
import { buildTestApp, createTestSchool, type TestApp } from '../helpers/app.js';
import { amsterdamDate } from '../../src/accounts/substitutes/index.js';
import { importRoster, rosterTeacher, signIn, GOOD_PASSWORD, uniqueEmail } from './staff-helpers.js';
import { activateAndSignIn, activationPathFor, addDays, signedInCoordinator } from './substitute-helpers.js';
import { choosePassword } from './staff-helpers.js';

async function schoolWithGroups(t: TestApp) {
  const school = await createTestSchool(t.capabilities);
  await importRoster(t, school);
  const groups = await t.capabilities.pupilAccess.groups({ schoolId: school.id });
  assert.ok(groups.length >= 2, 'the generated roster has groups');
  return { school, groups };
}

interface Setting {
  t: TestApp;
  school: Awaited<ReturnType<typeof schoolWithGroups>>['school'];
  groups: Awaited<ReturnType<typeof schoolWithGroups>>['groups'];
  ict: Awaited<ReturnType<typeof signedInCoordinator>>;
  page: string;
}

/** A school with a roster and a signed-in ICT-coördinator on the substitutes page; closed afterwards. */
async function withCoordinator(database: TestDatabase, run: (setting: Setting) => Promise<void>, env: Record<string, string> = {}) {
  const t = await buildTestApp(database, env);
  try {
    const { school, groups } = await schoolWithGroups(t);
    const ict = await signedInCoordinator(t, school);
    const page = `/beheer/scholen/${school.id}/invallers`;
    assert.equal((await ict.get(page)).statusCode, 200);
    await run({ t, school, groups, ict, page });
  } finally {
    await t.close();
  }
}

for (const database of testDatabases()) {
  describe(`substitutes (${database.name})`, () => {
    test('ICT-coördinator grants one group for today; the substitute sees it until the period ends', async () => {
      // Sessions outlive the period here, so the refusal comes from the grant and not from the session.
      await withCoordinator(database, async ({ t, school, groups, ict, page }) => {
        const email = uniqueEmail('inval');
        const granted = await ict.post(page, { email, displayName: 'Ilse Inval', groups: String(groups[0].id), from: '', to: '' });
        assert.equal(granted.statusCode, 303, granted.body);
        assert.match(String(granted.headers.location), /gegeven=1&uitgenodigd=1/);

        const substitute = await activateAndSignIn(t, email);
        const overview = `/beheer/scholen/${school.id}/groepen`;
        assert.equal((await substitute.get(`${overview}/${groups[0].id}`)).statusCode, 200, 'own group during the period');
        assert.equal((await substitute.get(`${overview}/${groups[1].id}`)).statusCode, 403, 'not another group');
        const list = await substitute.get(overview);
        assert.ok(list.body.includes(`${overview}/${groups[0].id}"`) && !list.body.includes(`${overview}/${groups[1].id}"`));
        assert.match((await substitute.get('/account')).body, /Inval/, 'the role shows as Inval');
        assert.equal((await substitute.get(page)).statusCode, 403, 'a substitute cannot grant access herself');

        const audit = await ict.get(page);
        assert.match(audit.body, /Ilse Inval/);
        assert.match(audit.body, /Loopt/);

        t.clock.advance(25 * 60); // past midnight tonight, whatever the time now
        assert.equal((await substitute.get(`${overview}/${groups[0].id}`)).statusCode, 403, 'access ends by itself');
        const again = await signIn(t, email, GOOD_PASSWORD);
        assert.equal((await again.browser.get(`${overview}/${groups[0].id}`)).statusCode, 403, 'also in a new session');
        assert.match((await ict.get(page)).body, /Verlopen/);
        const actions = await t.db.kysely.selectFrom('audit_log').select('action').where('school_id', '=', school.id).where('action', 'like', 'substitute.%').execute();
        assert.deepEqual(actions.map((a) => a.action), ['substitute.granted']);
      }, { SESSION_TTL_MINUTES: String(3 * 24 * 60) });
    });

    test('more than 14 days is refused with a Dutch message and changes nothing', async () => {
      await withCoordinator(database, async ({ t, school, groups, ict, page }) => {
        const today = amsterdamDate(t.clock.now());
        const email = uniqueEmail('lang');
        const refused = await ict.post(page, { email, displayName: 'Lang Inval', groups: String(groups[0].id), from: today, to: addDays(today, 14) });
        assert.equal(refused.statusCode, 400);
        assert.match(refused.body, /hoogstens 14 dagen/);
        const none = await t.db.kysely.selectFrom('substitute_grants').select('id').where('school_id', '=', school.id).execute();
        assert.equal(none.length, 0);
        assert.equal(await t.db.kysely.selectFrom('staff_accounts').select('id').where('email', '=', email).executeTakeFirst(), undefined, 'nobody invited');
        const fourteen = await ict.post(page, { email, displayName: 'Lang Inval', groups: String(groups[0].id), from: today, to: addDays(today, 13) });
        assert.equal(fourteen.statusCode, 303, '14 days is allowed');
      });
    });

    test('a teacher grants only for her own groups', async () => {
      const t = await buildTestApp(database);
      try {
        const { school, groups } = await schoolWithGroups(t);
        const scope = { schoolId: school.id };
        await t.capabilities.staffAccounts.members.inviteFromRoster('test', scope);
        const db = t.db.kysely;
        const teacher = await rosterTeacher(t, school.id);
        const own = teacher.ownGroupIds;
        const other = groups.find((g) => !own.includes(g.id))!;
        await choosePassword(t, await activationPathFor(db, teacher.email));
        const { browser } = await signIn(t, teacher.email, GOOD_PASSWORD);
        const page = `/beheer/scholen/${school.id}/invallers`;
        const form = await browser.get(page);
        assert.equal(form.statusCode, 200);
        assert.ok(!form.body.includes(`value="${other.id}"`), 'only her own groups are offered');
        const refused = await browser.post(page, { email: uniqueEmail('x'), displayName: 'X', groups: String(other.id) });
        assert.equal(refused.statusCode, 403);
        const ok = await browser.post(page, { email: uniqueEmail('y'), displayName: 'Yara', groups: String(teacher.groupId) });
        assert.equal(ok.statusCode, 303, ok.body);
        const groupsPage = await browser.get(`/beheer/scholen/${school.id}/groepen`);
        assert.ok(groupsPage.body.includes(page), 'the group overview links to the substitutes page');
      } finally {
        await t.close();
      }
    });

    test('revoking ends access at once; the invalgroep can be granted', async () => {
      await withCoordinator(database, async ({ t, school, groups, ict, page }) => {
        assert.equal((await ict.post(page, { email: uniqueEmail('z'), displayName: 'Z', invalgroep: '1' })).statusCode, 409, 'no invalgroep yet');
        assert.equal((await ict.post(`${page}/invalgroep`, { group: String(groups[1].id) })).statusCode, 303);
        await ict.get(page);
        const email = uniqueEmail('invalgroep');
        assert.equal((await ict.post(page, { email, displayName: 'Ivo Inval', invalgroep: '1' })).statusCode, 303);
        const substitute = await activateAndSignIn(t, email);
        const groupPath = `/beheer/scholen/${school.id}/groepen/${groups[1].id}`;
        assert.equal((await substitute.get(groupPath)).statusCode, 200, 'the invalgroep is visible');

        const grant = await t.db.kysely.selectFrom('substitute_grants').select('id').where('school_id', '=', school.id).executeTakeFirstOrThrow();
        await ict.get(page);
        assert.equal((await ict.post(`${page}/${grant.id}/intrekken`)).statusCode, 303);
        assert.equal((await substitute.get(groupPath)).statusCode, 403, 'revoked: refused at once');
        assert.match((await ict.get(page)).body, /Ingetrokken/);
        assert.equal((await ict.post(`${page}/${grant.id}/intrekken`)).statusCode, 404, 'revoking twice finds nothing');
      });
    });
  });
}
