/**
 * Switching an account off ends its Leerpoort sessions, so switching it on again does not bring
 * them back: the old cookie needs a new sign-in. For a staff account (ICT-coördinator's staff
 * page) and a parent account (operator's account search), with sessions in the database and,
 * when LEERPOORT_TEST_REDIS is set, in Redis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, createTestSchool, signInAsOperator, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { GOOD_PASSWORD, signIn, uniqueEmail } from './staff-helpers.js';
import { activateAndSignIn, signedInCoordinator } from './substitute-helpers.js';
import { activeParent, parentSignIn } from './parent-helpers.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;

/** A GET with exactly this cookie, as a browser that kept it would send. */
const withCookie = (t: TestApp, url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

for (const database of testDatabases()) {
  for (const store of ['database', 'redis'] as const) {
    const skip = store === 'redis' && !redisUrl ? 'LEERPOORT_TEST_REDIS is not set: sessions in Redis are not tested' : false;
    test(`switched off and on again: the old sessions stay ended (${database.name}, sessions in ${store})`, { skip }, async (t) => {
      const app = await buildTestApp(database, { STAFF_LOGIN_IP_MAX_FAILURES: '1000000', ...(store === 'redis' ? { REDIS_URL: redisUrl! } : {}) });
      t.after(() => app.close());
      assert.equal(app.capabilities.sessions.backend, store);
      const school = await createTestSchool(app.capabilities, 'Basisschool De Schakel');

      await t.test('a staff account', async () => {
        const ict = await signedInCoordinator(app, school);
        const email = uniqueEmail('leraar');
        await app.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email, displayName: 'Tom Leraar', role: 'teacher' });
        const teacher = await activateAndSignIn(app, email);
        const cookie = teacher.cookieHeader();
        assert.equal((await withCookie(app, '/account', cookie)).statusCode, 200);
        const accountId = Number((await app.db.kysely.selectFrom('staff_accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id);

        const staffPage = `/beheer/scholen/${school.id}/medewerkers`;
        await ict.get(staffPage);
        assert.equal((await ict.post(`${staffPage}/${accountId}/uitschakelen`)).statusCode, 303);
        await ict.get(staffPage);
        assert.equal((await ict.post(`${staffPage}/${accountId}/inschakelen`)).statusCode, 303);

        const old = await withCookie(app, '/account', cookie);
        assert.equal(old.statusCode, 303, 'the old session did not come back');
        assert.equal(old.headers.location, '/inloggen');
        const again = await signIn(app, email, GOOD_PASSWORD);
        assert.equal(again.response.statusCode, 303, 'signing in again works');
        assert.equal((await again.browser.get('/account')).statusCode, 200);
      });

      await t.test('a parent account', async () => {
        const operator = await signInAsOperator(app);
        const email = uniqueEmail('ouder');
        const parent = await activeParent(app, email);
        const cookie = parent.cookieHeader();
        assert.match((await withCookie(app, '/thuis', cookie)).body, /Mijn kinderen/);
        const parentId = Number((await app.db.kysely.selectFrom('parent_accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id);

        await operator.get('/beheer/accounts');
        assert.equal((await operator.post(`/beheer/accounts/ouders/${parentId}/uitschakelen`)).statusCode, 303);
        await operator.get('/beheer/accounts');
        assert.equal((await operator.post(`/beheer/accounts/ouders/${parentId}/inschakelen`)).statusCode, 303);

        assert.doesNotMatch((await withCookie(app, '/thuis', cookie)).body, /Mijn kinderen/, 'the old session did not come back');
        const again = await parentSignIn(app, email);
        assert.equal(again.response.statusCode, 303, 'signing in again works');
        assert.match((await again.browser.get('/thuis')).body, /Mijn kinderen/);
      });
    });
  }
}
