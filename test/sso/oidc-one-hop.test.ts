/**
 * A browser signed in to Leerpoort gets its code straight from /oidc/auth (one redirect, no
 * interaction page), with the same checks as the interaction page: the privacy gate, the
 * profile's limits, and never someone else's OIDC session. prompt=none now works for such a
 * browser and answers login_required for one that is not signed in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { authorizationRequest, consentedPublisher, HttpBrowser, listeningApp, oidc, registerClient, signedInPupil, withdrawConsent, type Publisher } from './oidc-helpers.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;
const variants = testDatabases().flatMap((database) => [
  { database, name: database.name, env: {} as Record<string, string> },
  ...(redisUrl ? [{ database, name: `${database.name}+redis`, env: { REDIS_URL: redisUrl } }] : []),
]);

/** One GET of the authorization URL; the answer's redirect target. */
async function authorizeOnce(browser: HttpBrowser, publisher: Publisher, params: Record<string, string> = {}) {
  const { url, verifier, state } = await authorizationRequest(publisher, params);
  const response = await browser.request(url.href);
  await response.arrayBuffer();
  assert.equal(response.status, 303, 'the authorization endpoint redirects');
  return { location: new URL(response.headers.get('location')!, url), verifier, state };
}

for (const { database, name, env } of variants) {
  test(`OIDC: a signed-in pupil's launch gets the code in one redirect, under the same gate (${name})`, async () => {
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const standard = await consentedPublisher(t, school);
      const publisher = await registerClient(t, standard, { profile: 'standard' });
      const minimal = await registerClient(t, await consentedPublisher(t, school), { profile: 'minimal' });
      const browser = await signedInPupil(t, scope, pupils[0].pupilId);

      // First launch of this browser, and a second method: straight back to the publisher with a code.
      for (const target of [publisher, minimal]) {
        const first = await authorizeOnce(browser, target);
        assert.ok(first.location.href.startsWith(target.redirectUri), `one redirect to the publisher, got ${first.location.href}`);
        const tokens = await oidc.authorizationCodeGrant(target.config, first.location, { pkceCodeVerifier: first.verifier, expectedState: first.state });
        const info = await oidc.fetchUserInfo(target.config, tokens.access_token, tokens.claims()!.sub);
        if (target === minimal) assert.equal(info.given_name, undefined, 'the minimal profile releases no name, also without the interaction page');
        else assert.ok(info.given_name, 'the standard profile releases the first name');
      }

      // prompt=none: answered without a page for a signed-in browser.
      const silent = await authorizeOnce(browser, publisher, { prompt: 'none' });
      assert.ok(silent.location.searchParams.get('code'), 'prompt=none gives a code to a signed-in browser');

      // The gate runs in the request too: consent withdrawn → Leerpoort's refusal page, no code.
      await withdrawConsent(t, school.id, standard.id);
      const refused = await authorizeOnce(browser, publisher);
      assert.ok(refused.location.pathname.startsWith('/oidc/interaction/'), 'refused: through the interaction page, which shows who can fix it');
      const quiet = await authorizeOnce(browser, publisher, { prompt: 'none' });
      assert.ok(quiet.location.href.startsWith(publisher.redirectUri));
      assert.equal(quiet.location.searchParams.get('code'), null, 'prompt=none after withdrawn consent gives no code');
      assert.ok(quiet.location.searchParams.get('error'), 'but an OAuth error');

      // Nobody signed in: prompt=none → login_required; otherwise the interaction page sends to the login.
      const stranger = new HttpBrowser(t.baseUrl);
      const anonymous = await authorizeOnce(stranger, minimal, { prompt: 'none' });
      assert.equal(anonymous.location.searchParams.get('error'), 'login_required');
      const toLogin = await authorizeOnce(stranger, minimal);
      assert.ok(toLogin.location.pathname.startsWith('/oidc/interaction/'));
    } finally {
      await t.close();
    }
  });

  test(`OIDC: a browser whose OIDC session is another pupil's goes through the interaction page (${name})`, async () => {
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const publisher = await registerClient(t, await consentedPublisher(t, school), { profile: 'standard' });
      const ipad = await signedInPupil(t, scope, pupils[0].pupilId);
      const first = await authorizeOnce(ipad, publisher);
      const firstTokens = await oidc.authorizationCodeGrant(publisher.config, first.location, { pkceCodeVerifier: first.verifier, expectedState: first.state });
      await signedInPupil(t, scope, pupils[1].pupilId, ipad);
      const next = await authorizeOnce(ipad, publisher);
      assert.ok(next.location.pathname.startsWith('/oidc/interaction/'), 'not decided in place: the OIDC session belongs to the first pupil');
      const resumed = await ipad.follow(next.location.href);
      const callback = new URL(resumed.url);
      const second = await oidc.authorizationCodeGrant(publisher.config, callback, { pkceCodeVerifier: next.verifier, expectedState: next.state });
      assert.notEqual(second.claims()!.sub, firstTokens.claims()!.sub, 'the second pupil gets her own sub');
    } finally {
      await t.close();
    }
  });
}
