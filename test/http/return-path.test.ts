/**
 * After signing in, a person goes on to what sent her to the login (an SSO request, a tile
 * launch, a shortcut link) — once, and only to such a local path, never to another site.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeReturnPath } from '../../src/http/return-path.js';
import { buildTestApp, createTestSchool, TestBrowser } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { choosePassword, GOOD_PASSWORD, signIn, uniqueEmail } from '../accounts/staff-helpers.js';
import { activationPathFor } from '../accounts/substitute-helpers.js';

test('only local paths of SSO, launches and shortcut links qualify', () => {
  for (const good of ['/oidc/interaction/abc-123', '/saml/sso/verder?id=7', '/starten/5?school=3', '/snelkoppelaar?TARGET=https%3A%2F%2Fles.example%2F&INSTELLING_REF=ab12']) {
    assert.equal(safeReturnPath(good), good, good);
  }
  for (const bad of ['https://evil.example/', '//evil.example/', '/\\evil.example', '/starten//evil.example', '/starten/%2F%2Fevil', '/account', '/beheer', 'starten/5', '/starten/5#x', '/oidc/a b', 42, null]) {
    assert.equal(safeReturnPath(bad), null, String(bad));
  }
});

for (const database of testDatabases()) {
  test(`[${database.name}] staff: the login page remembers ?terug=, the first page after login goes there once`, async () => {
    const t = await buildTestApp(database);
    try {
      const school = await createTestSchool(t.capabilities);
      const email = uniqueEmail('terug');
      await t.capabilities.staffAccounts.members.addToSchool('test', { schoolId: school.id }, { email, displayName: 'Tom Terug', role: 'teacher' });
      await choosePassword(t, await activationPathFor(t.db.kysely, email));

      const browser = new TestBrowser(t.app);
      const launch = `/starten/12?school=${school.id}`;
      assert.equal((await browser.get(`/inloggen?terug=${encodeURIComponent(launch)}`)).statusCode, 200);
      const { response } = await signIn(t, email, GOOD_PASSWORD, browser);
      assert.equal(response.headers.location, '/account');
      const account = await browser.get('/account');
      assert.equal(account.statusCode, 303);
      assert.equal(account.headers.location, launch);
      assert.equal((await browser.get('/account')).statusCode, 200, 'only once');

      const other = new TestBrowser(t.app);
      await other.get(`/inloggen?terug=${encodeURIComponent('https://evil.example/')}`);
      await signIn(t, email, GOOD_PASSWORD, other);
      assert.equal((await other.get('/account')).statusCode, 200, 'a foreign target is never remembered');
    } finally {
      await t.close();
    }
  });
}
