/**
 * The OpenID provider as a publisher uses it, with openid-client 6: discovery, code + PKCE,
 * token, userinfo, refresh, pairwise `sub`, RP-initiated and back-channel logout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { testDatabases } from '../helpers/databases.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { backchannelReceiver, consentedPublisher, launch, listeningApp, oidc, registerClient, signedInPupil } from './oidc-helpers.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;
// With LEERPOORT_TEST_REDIS the same tests run again with oidc-provider's state in Redis (adapter-redis.ts).
const variants = testDatabases().flatMap((database) => [
  { database, name: database.name, env: {} as Record<string, string> },
  ...(redisUrl ? [{ database, name: `${database.name}+redis`, env: { REDIS_URL: redisUrl } }] : []),
]);

for (const { database, name, env } of variants) {
  test(`OIDC code flow with PKCE, userinfo, refresh and pairwise sub (${name})`, async () => {
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const publisherA = await registerClient(t, await consentedPublisher(t, school), { profile: 'standard' });
      const publisherB = await registerClient(t, await consentedPublisher(t, school), { profile: 'minimal' });

      const discovery = publisherA.config.serverMetadata();
      assert.equal(discovery.issuer, `${t.baseUrl}/oidc`);
      assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);
      assert.deepEqual(discovery.response_types_supported, ['code']);
      assert.deepEqual(discovery.subject_types_supported, ['pairwise']);
      assert.ok(discovery.backchannel_logout_supported);
      assert.ok(discovery.end_session_endpoint);

      const browser = await signedInPupil(t, scope, pupils[0].pupilId);
      const first = await launch(browser, publisherA);
      const sub = first.tokens.claims()!.sub;
      assert.match(sub, /^[0-9a-f]{64}$/, 'sub is the pairwise pseudonym');
      assert.ok(first.tokens.refresh_token, 'a refresh token is issued');
      const info = await oidc.fetchUserInfo(publisherA.config, first.tokens.access_token, sub);
      assert.equal(info.role, 'leerling');
      assert.equal(info.nl_edu_home_organization_id, school.brin);
      assert.ok(info.given_name, 'standard profile releases the first name');
      assert.equal(info.eckid, undefined, 'no ECK iD under standard');

      const ledger = await t.db.kysely.selectFrom('disclosure_ledger').selectAll().where('recipient', '=', publisherA.clientId).execute();
      assert.ok(ledger.length >= 1, 'releases are in the ledger');
      assert.ok(ledger.every((row) => row.channel === 'oidc' && row.subject_id === pupils[0].pupilId));
      assert.ok(ledger.some((row) => JSON.parse(row.attributes).includes('givenName')));

      const second = await launch(browser, publisherA);
      assert.equal(second.tokens.claims()!.sub, sub, 'sub is stable across logins');
      const atB = await launch(browser, publisherB);
      assert.notEqual(atB.tokens.claims()!.sub, sub, 'another publisher sees another sub');
      const infoB = await oidc.fetchUserInfo(publisherB.config, atB.tokens.access_token, atB.tokens.claims()!.sub);
      assert.equal(infoB.given_name, undefined, 'minimal profile: no first name');
      assert.equal(infoB.role, 'leerling');
      const metrics = await fetch(`${t.baseUrl}/metrics`).then((r) => r.text());
      assert.match(metrics, /leerpoort_sso_launches_total\{protocol="oidc"\} 3\b/, 'three launches counted');

      // The latest launch's refresh token: a new authorization replaces the session's earlier grant.
      const refreshed = await oidc.refreshTokenGrant(publisherA.config, second.tokens.refresh_token!);
      assert.ok(refreshed.access_token && refreshed.access_token !== second.tokens.access_token);
      assert.notEqual(refreshed.refresh_token, second.tokens.refresh_token, 'refresh tokens rotate');
      assert.equal(refreshed.claims()!.sub, sub);
      const again = await oidc.fetchUserInfo(publisherA.config, refreshed.access_token, sub);
      assert.equal(again.role, 'leerling');
      await assert.rejects(oidc.refreshTokenGrant(publisherA.config, second.tokens.refresh_token!), (e: { error?: string }) => e.error === 'invalid_grant', 'a used refresh token is refused');
    } finally {
      await t.close();
    }
  });

  test(`OIDC RP-initiated and back-channel logout (${name})`, async () => {
    const receiver = await backchannelReceiver();
    const { received, url: receiverUrl } = receiver;
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const publisher = await registerClient(t, await consentedPublisher(t, school), { profile: 'minimal', host: receiverUrl, backchannelLogoutUri: `${receiverUrl}/backchannel` });
      const browser = await signedInPupil(t, scope, pupils[0].pupilId);
      const { tokens } = await launch(browser, publisher);
      const sub = tokens.claims()!.sub;

      const endUrl = oidc.buildEndSessionUrl(publisher.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${receiverUrl}/uitgelogd` });
      const confirm = await browser.request(endUrl.href);
      assert.equal(confirm.status, 200);
      const page = await confirm.text();
      assert.match(page, /Wilt u uitloggen bij/);
      const action = /<form[^>]*action="([^"]+)"/.exec(page)![1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1];
      const done = await browser.request(action.replace(/&amp;/g, '&'), { form: { xsrf, logout: 'yes' } });
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), `${receiverUrl}/uitgelogd`);

      for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(received.length, 1, 'the publisher received a back-channel logout');
      const jwks = createRemoteJWKSet(new URL(`${t.baseUrl}/oidc/jwks`));
      const { payload } = await jwtVerify(received[0], jwks, { issuer: `${t.baseUrl}/oidc`, audience: publisher.clientId });
      assert.equal(payload.sub, sub);
      assert.ok((payload.events as Record<string, unknown>)['http://schemas.openid.net/event/backchannel-logout']);
      await assert.rejects(oidc.refreshTokenGrant(publisher.config, tokens.refresh_token!), (e: { error?: string }) => e.error === 'invalid_grant', 'logout ends the refresh token');
    } finally {
      await t.close();
      await receiver.close();
    }
  });

  test(`OIDC on a shared class device: the next pupil never inherits the previous pupil's OIDC session (${name})`, async () => {
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const publisher = await registerClient(t, await consentedPublisher(t, school), { profile: 'standard' });
      const ipad = await signedInPupil(t, scope, pupils[0].pupilId);
      const first = await launch(ipad, publisher);
      await signedInPupil(t, scope, pupils[1].pupilId, ipad); // the next pupil signs in on the same device
      const second = await launch(ipad, publisher);
      assert.notEqual(second.tokens.claims()!.sub, first.tokens.claims()!.sub);
      const info = await oidc.fetchUserInfo(publisher.config, second.tokens.access_token, second.tokens.claims()!.sub);
      const expected = pupils[1].nickname || pupils[1].firstNames?.trim().split(/\s+/)[0];
      assert.equal(info.given_name, expected, 'the second pupil is released, not the first');
      await assert.rejects(oidc.refreshTokenGrant(publisher.config, first.tokens.refresh_token!), (e: { error?: string }) => e.error === 'invalid_grant', "the first pupil's OIDC session ended");
    } finally {
      await t.close();
    }
  });
}
