/**
 * The OpenID provider while PostgreSQL or Redis is away (issue 6, "Faults"): publishers' servers
 * get 503 `temporarily_unavailable` with Retry-After at the token and userinfo endpoints, people
 * get the Dutch "try again" page at the authorization endpoint — never a 500, and never "invalid
 * token" for a token that is fine. Once the server is back the same tokens work again. Runs on a
 * private PostgreSQL and Redis (test/helpers/private-servers.ts), so stopping them disturbs no one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { privateServersMissing, startPrivatePostgres, startPrivateRedis } from '../helpers/private-servers.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { consentedPublisher, launch, listeningApp, oidc, registerClient, signedInPupil, type Publisher } from './oidc-helpers.js';

const skip = privateServersMissing() ?? false;
const DUTCH_503 = 'Leerpoort is heel even niet bereikbaar. Wacht een paar tellen en probeer het dan opnieuw.';

async function userinfo(baseUrl: string, accessToken: string) {
  const response = await fetch(`${baseUrl}/oidc/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
}

async function assertUnavailablePage(browserRequest: (url: string) => Promise<Response>, publisher: Publisher) {
  const url = oidc.buildAuthorizationUrl(publisher.config, { redirect_uri: publisher.redirectUri, scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', state: 's' });
  const answer = await browserRequest(url.href);
  assert.equal(answer.status, 503, 'the authorization endpoint says "try again", not 500');
  assert.equal(answer.headers.get('retry-after'), '5');
  assert.ok((await answer.text()).includes(DUTCH_503), 'in Dutch');
}

test('[postgres + redis, private] OIDC while PostgreSQL or Redis is away: 503 temporarily_unavailable, and the same tokens work again afterwards', { skip }, async () => {
  const database = await startPrivatePostgres({ fsync: false });
  const redis = await startPrivateRedis();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query('create database oidc_outage');
  await admin.end();
  const t = await listeningApp({ name: 'postgres', url: database.url.replace(/\/postgres$/, '/oidc_outage') }, { REDIS_URL: redis.url });
  try {
    const { school, scope, pupils } = await schoolWithPupils(t, 6);
    const publisher = await registerClient(t, await consentedPublisher(t, school), { profile: 'standard' });
    const browser = await signedInPupil(t, scope, pupils[0].pupilId);
    const { tokens } = await launch(browser, publisher);
    assert.equal((await userinfo(t.baseUrl, tokens.access_token)).status, 200);

    // PostgreSQL away, Redis (sessions, OIDC state) up: the person and the privacy gate cannot be read.
    await database.stop();
    const during = await userinfo(t.baseUrl, tokens.access_token);
    assert.equal(during.status, 503, `userinfo: ${JSON.stringify(during.body)}`);
    assert.equal(during.body.error, 'temporarily_unavailable', 'not invalid_token: the token is fine');
    assert.equal(during.retryAfter, '5');
    await assertUnavailablePage((url) => browser.request(url), publisher);
    await database.start();
    let after = await userinfo(t.baseUrl, tokens.access_token);
    for (let i = 0; i < 50 && after.status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await userinfo(t.baseUrl, tokens.access_token);
    }
    assert.equal(after.status, 200, 'the same access token works again');
    assert.ok(after.body.given_name);

    // Redis away: OIDC state cannot be read.
    await redis.stop();
    const noRedis = await userinfo(t.baseUrl, tokens.access_token);
    assert.equal(noRedis.status, 503, `userinfo without Redis: ${JSON.stringify(noRedis.body)}`);
    assert.equal(noRedis.body.error, 'temporarily_unavailable');
    const refresh = await fetch(`${t.baseUrl}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${publisher.clientId}:${publisher.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }).toString(),
    });
    assert.equal(refresh.status, 503, 'the token endpoint too');
    assert.equal(((await refresh.json()) as { error: string }).error, 'temporarily_unavailable');
    await assertUnavailablePage((url) => browser.request(url), publisher);
  } finally {
    await t.close();
    await redis.remove();
    await database.remove();
  }
});
