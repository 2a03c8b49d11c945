/**
 * Appointing board admins and switching accounts off and on, through the pages: the operator
 * and a board admin (for his own board) appoint board admins; an ICT-coördinator switches off
 * a colleague of her school (not herself, not someone who also works elsewhere); the operator
 * any staff or parent account. A switched-off account cannot sign in and its open sessions stop
 * at the next request. Every change is audited and every form needs its CSRF token.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, createTestSchool, signInAsOperator, TestBrowser, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { GOOD_PASSWORD, choosePassword, signIn, uniqueEmail } from './staff-helpers.js';
import { activateAndSignIn, activationPathFor, signedInCoordinator } from './substitute-helpers.js';
import { activeParent } from './parent-helpers.js';

const signedOut = (response: { statusCode: number; headers: Record<string, unknown> }, to = '/inloggen') => response.statusCode === 303 && response.headers.location === to;

async function auditCount(t: TestApp, action: string, detail: string): Promise<number> {
  const rows = await t.db.kysely.selectFrom('audit_log').select('details').where('action', '=', action).execute();
  return rows.filter((r) => String(r.details).includes(detail)).length;
}

for (const database of testDatabases()) {
  test(`board admins and switching accounts off (${database.name})`, async (t) => {
    const app = await buildTestApp(database, { STAFF_LOGIN_IP_MAX_FAILURES: '1000000' });
    t.after(() => app.close());
    const school = await createTestSchool(app.capabilities, 'Basisschool De Schakel');
    const otherSchool = await createTestSchool(app.capabilities, 'Basisschool Het Baken');
    const operator = await signInAsOperator(app);
    const accountIdOf = async (email: string) => Number((await app.db.kysely.selectFrom('staff_accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id);

    await t.test('the operator appoints a board admin, who appoints a colleague for his own board only', async () => {
      const page = `/beheer/besturen/${school.boardId}/beheerders`;
      assert.equal((await operator.get(page)).statusCode, 200);
      const email = uniqueEmail('bestuur');
      assert.equal((await operator.post(page, { displayName: 'Bram Bestuur', email }, { csrf: false })).statusCode, 403, 'CSRF token required');
      const appointed = await operator.post(page, { displayName: 'Bram Bestuur', email });
      assert.equal(appointed.statusCode, 303, appointed.body);
      const board = await activateAndSignIn(app, email);
      const account = await board.get('/account');
      assert.match(account.body, new RegExp(`href="${page}"`), 'the account page links to the board admin page');
      const list = await board.get(page);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Bram Bestuur/);
      assert.equal((await board.get(`/beheer/besturen/${otherSchool.boardId}/beheerders`)).statusCode, otherSchool.boardId === school.boardId ? 200 : 403);

      const colleague = uniqueEmail('collega');
      const invalid = await board.post(page, { displayName: 'Cora', email: 'geen-adres' });
      assert.equal(invalid.statusCode, 400);
      assert.match(invalid.body, /geldig e-mailadres/);
      assert.equal((await board.post(page, { displayName: 'Cora Collega', email: colleague })).statusCode, 303);
      const roles = await app.db.kysely.selectFrom('staff_account_roles').select(['role', 'board_id']).where('account_id', '=', await accountIdOf(colleague)).execute();
      assert.deepEqual(roles.map((r) => [r.role, Number(r.board_id)]), [['boardAdmin', school.boardId]]);
      assert.ok((await auditCount(app, 'staff.role_added', '"boardAdmin"')) >= 2);

      // A board admin switches a fellow board admin of his board off (not himself).
      const colleagueId = await accountIdOf(colleague);
      const listed = await board.get(page);
      assert.match(listed.body, new RegExp(`action="${page}/${colleagueId}/uitschakelen"`));
      assert.doesNotMatch(listed.body, new RegExp(`${page}/${await accountIdOf(email)}/uitschakelen`), 'no button for himself');
      assert.equal((await board.post(`${page}/${colleagueId}/uitschakelen`)).statusCode, 303);
      assert.equal((await app.db.kysely.selectFrom('staff_accounts').select('status').where('id', '=', colleagueId).executeTakeFirstOrThrow()).status, 'disabled');
      await board.get(page);
      assert.equal((await board.post(`${page}/${colleagueId}/inschakelen`)).statusCode, 303);
      assert.equal((await app.db.kysely.selectFrom('staff_accounts').select('status').where('id', '=', colleagueId).executeTakeFirstOrThrow()).status, 'invited', 'on again: still to be activated');

      const ict = await signedInCoordinator(app, school);
      assert.equal((await ict.get(page)).statusCode, 403, 'an ICT-coördinator does not appoint board admins');
      await ict.get('/account');
      assert.equal((await ict.post(page, { displayName: 'X', email: uniqueEmail('x') })).statusCode, 403);
    });

    await t.test('an ICT-coördinator switches a teacher off: open session ends, sign-in refused; on again works', async () => {
      const ictEmail = uniqueEmail('ict');
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email: ictEmail, displayName: 'Ida ICT', role: 'schoolAdmin' });
      const ict = await activateAndSignIn(app, ictEmail);
      const teacherEmail = uniqueEmail('leraar');
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email: teacherEmail, displayName: 'Tom Leraar', role: 'teacher' });
      const teacher = await activateAndSignIn(app, teacherEmail);
      const teacherId = await accountIdOf(teacherEmail);
      assert.equal((await teacher.get('/account')).statusCode, 200);

      const staffPage = `/beheer/scholen/${school.id}/medewerkers`;
      const page = await ict.get(staffPage);
      assert.match(page.body, new RegExp(`action="${staffPage}/${teacherId}/uitschakelen"`));
      assert.doesNotMatch(page.body, new RegExp(`${staffPage}/${await accountIdOf(ictEmail)}/uitschakelen`), 'no button for her own account');
      assert.equal((await ict.post(`${staffPage}/${teacherId}/uitschakelen`, {}, { csrf: false })).statusCode, 403, 'CSRF token required');
      const off = await ict.post(`${staffPage}/${teacherId}/uitschakelen`);
      assert.equal(off.statusCode, 303);
      assert.match((await ict.get(off.headers.location as string)).body, /Uitgeschakeld/);

      assert.ok(signedOut(await teacher.get('/account')), 'the open session stops at the next request');
      const again = await signIn(app, teacherEmail, GOOD_PASSWORD);
      assert.equal(again.response.statusCode, 401, 'a disabled account cannot sign in');
      assert.match(again.response.body, /klopt niet/);
      await new TestBrowser(app.app).get('/wachtwoord-vergeten');
      assert.equal(await auditCount(app, 'staff.account_disabled', `"accountId":${teacherId}`), 1);

      await ict.get(staffPage);
      assert.equal((await ict.post(`${staffPage}/${teacherId}/inschakelen`)).statusCode, 303);
      assert.equal((await signIn(app, teacherEmail, GOOD_PASSWORD)).response.statusCode, 303, 'switched on again: signs in');
      assert.equal(await auditCount(app, 'staff.account_enabled', `"accountId":${teacherId}`), 1);

      await ict.get(staffPage);
      assert.equal((await ict.post(`${staffPage}/${await accountIdOf(ictEmail)}/uitschakelen`)).statusCode, 403, 'not her own account');
    });

    await t.test('not across schools: a colleague who also works elsewhere, or another school’s staff', async () => {
      const ict = await signedInCoordinator(app, school);
      const shared = uniqueEmail('duo');
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email: shared, displayName: 'Dana Duo', role: 'teacher' });
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: otherSchool.id }, { email: shared, displayName: 'Dana Duo', role: 'teacher' });
      await choosePassword(app, await activationPathFor(app.db.kysely, shared));
      const sharedId = await accountIdOf(shared);
      const staffPage = `/beheer/scholen/${school.id}/medewerkers`;
      const page = await ict.get(staffPage);
      assert.doesNotMatch(page.body, new RegExp(`${staffPage}/${sharedId}/uitschakelen`), 'no button: she also works at another school');
      const refused = await ict.post(`${staffPage}/${sharedId}/uitschakelen`);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /beheerder van het platform/);

      const elsewhere = uniqueEmail('elders');
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: otherSchool.id }, { email: elsewhere, displayName: 'Eva Elders', role: 'teacher' });
      await ict.get(staffPage);
      assert.equal((await ict.post(`${staffPage}/${await accountIdOf(elsewhere)}/uitschakelen`)).statusCode, 404, 'not on this school’s page');
      if (otherSchool.boardId !== school.boardId) assert.equal((await ict.post(`/beheer/scholen/${otherSchool.id}/medewerkers/${await accountIdOf(elsewhere)}/uitschakelen`)).statusCode, 403);
      assert.equal((await app.db.kysely.selectFrom('staff_accounts').select('status').where('id', '=', sharedId).executeTakeFirstOrThrow()).status, 'active');
    });

    await t.test('the operator switches any staff or parent account off and on from the account search', async () => {
      const teacherEmail = uniqueEmail('juf');
      await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: otherSchool.id }, { email: teacherEmail, displayName: 'Juf Jet', role: 'teacher' });
      const teacher = await activateAndSignIn(app, teacherEmail);
      const parentEmail = uniqueEmail('ouder');
      const parent = await activeParent(app, parentEmail);
      assert.match((await parent.get('/thuis')).body, /Mijn kinderen/);

      const search = await operator.get(`/beheer/accounts?email=${encodeURIComponent(teacherEmail.toUpperCase())}`);
      assert.equal(search.statusCode, 200);
      assert.match(search.body, /Juf Jet/);
      assert.equal((await operator.post(`/beheer/accounts/medewerkers/${await accountIdOf(teacherEmail)}/uitschakelen`)).statusCode, 303);
      assert.ok(signedOut(await teacher.get('/account')));

      const found = await operator.get(`/beheer/accounts?email=${encodeURIComponent(parentEmail)}`);
      const parentId = /\/beheer\/accounts\/ouders\/(\d+)\/uitschakelen/.exec(found.body)?.[1];
      assert.ok(parentId, 'the parent account is found with a switch-off button');
      assert.equal((await operator.post(`/beheer/accounts/ouders/${parentId}/uitschakelen`, {}, { csrf: false })).statusCode, 403, 'CSRF token required');
      const off = await operator.post(`/beheer/accounts/ouders/${parentId}/uitschakelen`);
      assert.equal(off.statusCode, 303);
      assert.equal(off.headers.location, `/beheer/accounts?email=${encodeURIComponent(parentEmail)}&status=uit`);
      const after = await parent.get('/thuis');
      assert.doesNotMatch(after.body, /Mijn kinderen/, 'the parent session stops at the next request');
      const linkTry = await parent.post('/thuis/kind-koppelen', { school: String(school.id), roepnaam: 'X', pincode: '12345' });
      assert.equal(linkTry.statusCode, 303, 'a parent-only form sends the (now signed-out) browser to sign in');
      assert.match(String(linkTry.headers.location), /inloggen/);
      const signInAgain = new TestBrowser(app.app);
      await signInAgain.get('/thuis/inloggen');
      assert.notEqual((await signInAgain.post('/thuis/inloggen', { email: parentEmail, password: GOOD_PASSWORD })).statusCode, 303, 'a disabled parent cannot sign in');
      assert.equal(await auditCount(app, 'parent.account_disabled', `"parentId":${parentId}`), 1);

      await operator.get('/beheer/accounts');
      assert.equal((await operator.post(`/beheer/accounts/ouders/${parentId}/inschakelen`)).statusCode, 303);
      assert.equal((await signInAgain.post('/thuis/inloggen', { email: parentEmail, password: GOOD_PASSWORD })).statusCode, 303, 'on again: signs in');
      assert.equal((await teacher.get('/beheer/accounts')).statusCode, 303, 'the account search is for the operator (signed-out teacher)');
      const ict = await signedInCoordinator(app, school);
      assert.equal((await ict.get('/beheer/accounts')).statusCode, 403);
    });
  });
}
