/**
 * Operator access over HTTP: health check, sign-in with a one-time login link (single use,
 * expiry, confirm step), session cookie, CSRF on forms, logout, and no open redirect.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, signInAsOperator, TestBrowser, type TestApp } from '../helpers/app.js';

for (const database of testDatabases()) {
  describe(`[${database.name}] operator access`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(database);
    });
    after(() => t.close());

    test('GET /healthz answers ok', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'ok' });
    });

    test('pages need a session: unauthenticated visitors are sent to the Dutch sign-in explanation', async () => {
      for (const url of ['/beheer', '/beheer/scholen/1', '/']) {
        const response = await t.app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 303, url);
        assert.equal(response.headers.location, '/inloggen', url);
      }
      const page = await t.app.inject({ method: 'GET', url: '/inloggen' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<html lang="nl">/);
      assert.match(page.body, /leerpoort login-link/);
      assert.match(page.body, /href="#inhoud"/, 'skip link');
      assert.match(page.body, /<main id="inhoud"/);
    });

    test('a login link shows a confirm page, signs in once on POST, and cannot be reused', async () => {
      const link = await t.capabilities.operatorAccess.issueLoginLink('Marieke');
      assert.match(link.path, /^\/inloggen\/link\/[A-Za-z0-9_-]{43}$/);
      const browser = new TestBrowser(t.app);

      const confirm = await browser.get(link.path);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /<form method="post" action="\/inloggen\/link\//);
      // Fetching the page (as a link scanner does) does not use the link up.
      assert.equal((await browser.get(link.path)).statusCode, 200);

      const signedIn = await browser.post(link.path);
      assert.equal(signedIn.statusCode, 303);
      assert.equal(signedIn.headers.location, '/beheer');
      const cookie = signedIn.cookies.find((c: { name: string }) => c.name === 'leerpoort_sessie') as { httpOnly?: boolean; sameSite?: string } | undefined;
      assert.ok(cookie, 'session cookie set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');

      const home = await browser.get('/beheer');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Ingelogd als Marieke/);

      const again = new TestBrowser(t.app);
      const reused = await again.get(link.path);
      assert.equal(reused.statusCode, 401);
      assert.match(reused.body, /ongeldig, al gebruikt of verlopen/);
      const reusedPost = await t.app.inject({ method: 'POST', url: link.path, headers: { cookie: browser.cookieHeader() }, payload: { _csrf: browser.csrfToken ?? '' } });
      assert.equal(reusedPost.statusCode, 401);
    });

    test('an expired login link is refused', async () => {
      const link = await t.capabilities.operatorAccess.issueLoginLink('Laat', 1);
      const browser = new TestBrowser(t.app);
      await browser.get(link.path);
      t.clock.advance(2);
      try {
        const response = await browser.post(link.path);
        assert.equal(response.statusCode, 401);
        assert.equal(browser.hasCookie('leerpoort_sessie'), false);
      } finally {
        t.clock.advance(-2);
      }
    });

    test('a made-up link token is refused and not echoed back', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/inloggen/link/<script>' });
      assert.equal(response.statusCode, 401);
      assert.equal(response.body.includes('<script>'), false);
    });

    test('forms without a valid CSRF token are refused and change nothing', async () => {
      const browser = await signInAsOperator(t);
      const number = String(Date.now()).slice(-9);
      const without = await browser.post('/beheer/besturen', { number, name: 'Zonder token' }, { csrf: false });
      assert.equal(without.statusCode, 403);
      assert.match(without.body, /Het formulier is verlopen/);
      const forged = await t.app.inject({
        method: 'POST',
        url: '/beheer/besturen',
        headers: { cookie: browser.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: `number=${number}&name=Vals&_csrf=abc-def`,
      });
      assert.equal(forged.statusCode, 403);
      assert.equal(await t.capabilities.organisations.boardByNumber(number), undefined);
    });

    test('sign-in rotates the session, and logout ends it', async () => {
      const browser = await signInAsOperator(t, 'Eerste');
      const first = browser.cookieHeader();
      const link = await t.capabilities.operatorAccess.issueLoginLink('Tweede');
      await browser.get(link.path);
      await browser.post(link.path);
      assert.notEqual(browser.cookieHeader(), first);
      // The session from before the second sign-in no longer works.
      const old = await t.app.inject({ method: 'GET', url: '/beheer', headers: { cookie: first } });
      assert.equal(old.statusCode, 303);

      await browser.get('/beheer');
      const out = await browser.post('/uitloggen');
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/inloggen?uitgelogd=1');
      assert.equal((await browser.get('/beheer')).statusCode, 303);
    });

    test('a session ends after its lifetime', async () => {
      const browser = await signInAsOperator(t);
      assert.equal((await browser.get('/beheer')).statusCode, 200);
      t.clock.advance(t.config.sessionTtlMinutes + 1);
      try {
        const expired = await browser.get('/beheer');
        assert.equal(expired.statusCode, 303);
        assert.equal(expired.headers.location, '/inloggen');
      } finally {
        t.clock.advance(-(t.config.sessionTtlMinutes + 1));
      }
    });

    test('a tampered session cookie is not accepted', async () => {
      const browser = await signInAsOperator(t);
      const forged = browser.cookieHeader().replace(/leerpoort_sessie=([^;.]+)/, 'leerpoort_sessie=AAAA$1');
      const response = await t.app.inject({ method: 'GET', url: '/beheer', headers: { cookie: forged } });
      assert.equal(response.statusCode, 303);
    });

    test('no open redirect: the sign-in target is fixed, whatever the request says', async () => {
      const link = await t.capabilities.operatorAccess.issueLoginLink('Omleiding');
      const browser = new TestBrowser(t.app);
      await browser.get(`${link.path}?terug=https://evil.example`);
      const response = await t.app.inject({
        method: 'POST',
        url: `${link.path}?next=https://evil.example&terug=//evil.example`,
        headers: { cookie: browser.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', referer: 'https://evil.example/' },
        payload: `_csrf=${encodeURIComponent(browser.csrfToken ?? '')}&next=https://evil.example`,
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/beheer');
      for (const url of ['//evil.example', '/\\evil.example', '/%2F%2Fevil.example']) {
        const other = await t.app.inject({ method: 'GET', url });
        const location = String(other.headers.location ?? '');
        assert.ok(location === '' || location.startsWith('/') && !location.startsWith('//'), `${url} → ${location}`);
      }
    });

    test('over https the session cookie is Secure', async () => {
      const secure = await buildTestApp(database, { PUBLIC_URL: 'https://leerpoort.example.nl' });
      try {
        const link = await secure.capabilities.operatorAccess.issueLoginLink('Veilig');
        const browser = new TestBrowser(secure.app);
        await browser.get(link.path);
        const response = await browser.post(link.path);
        const cookie = response.cookies.find((c: { name: string }) => c.name === 'leerpoort_sessie') as { secure?: boolean } | undefined;
        assert.equal(cookie?.secure, true);
        assert.match(String(response.headers['strict-transport-security']), /max-age=/);
      } finally {
        await secure.close();
      }
    });

    test('security headers: CSP allows only our own scripts and styles', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/inloggen' });
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /style-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(response.headers['referrer-policy'], 'no-referrer');
      const css = await t.app.inject({ method: 'GET', url: '/assets/leerpoort.css' });
      assert.equal(css.statusCode, 200);
      assert.match(String(css.headers['content-type']), /text\/css/);
    });
  });
}
