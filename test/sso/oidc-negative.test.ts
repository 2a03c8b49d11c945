/**
 * What the OpenID provider refuses: a wrong redirect_uri, a request without PKCE, a replayed
 * code, a launch after consent was withdrawn, claims beyond the profile, a pupil who lost
 * access (the roster import that leaves her out), and someone who is not signed in (sent to the right login first).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { writeEdexml } from '../../src/roster/generator/index.js';
import { authorize, consentedPublisher, HttpBrowser, launch, listeningApp, oidc, OPERATOR, registerClient, signedInPupil, withdrawConsent } from './oidc-helpers.js';

/** The OAuth error in a token endpoint answer, or in a 401's WWW-Authenticate challenge (openid-client parses it into `cause`). */
const isOAuthError = (code: string) => (e: { error?: string; code?: string; cause?: { error?: string } | Array<{ parameters?: { error?: string } }> }) =>
  e.error === code ||
  (!Array.isArray(e.cause) && e.cause?.error === code) ||
  (e.code === 'OAUTH_WWW_AUTHENTICATE_CHALLENGE' && Array.isArray(e.cause) && e.cause.some((challenge) => challenge.parameters?.error === code));

const redisUrl = process.env.LEERPOORT_TEST_REDIS;
// With LEERPOORT_TEST_REDIS the same refusals are checked with oidc-provider's state in Redis.
const variants = testDatabases().flatMap((database) => [
  { database, name: database.name, env: {} as Record<string, string> },
  ...(redisUrl ? [{ database, name: `${database.name}+redis`, env: { REDIS_URL: redisUrl } }] : []),
]);

for (const { database, name, env } of variants) {
  test(`OIDC refuses wrong redirect_uri, missing PKCE and a replayed code (${name})`, async () => {
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const publisher = await registerClient(t, await consentedPublisher(t, school), { profile: 'standard' });
      const browser = await signedInPupil(t, scope, pupils[0].pupilId);

      const wrong = await authorize(browser, publisher, { redirect_uri: 'http://127.0.0.1:9/elders/callback' });
      assert.equal(wrong.response.status, 400, 'no redirect to an unregistered address');
      assert.ok(wrong.landed.startsWith(t.baseUrl));
      const page = await wrong.response.text();
      assert.match(page, /Inloggen bij de lesmethode lukt niet/);
      assert.match(page, /invalid_redirect_uri/);

      const plain = new URL(`${t.baseUrl}/oidc/auth`);
      for (const [k, v] of Object.entries({ client_id: publisher.clientId, redirect_uri: publisher.redirectUri, response_type: 'code', scope: 'openid', state: 'x' })) plain.searchParams.set(k, v);
      const noPkce = await browser.follow(plain.href);
      const errorBack = new URL(noPkce.url);
      assert.ok(noPkce.url.startsWith(publisher.redirectUri));
      assert.equal(errorBack.searchParams.get('error'), 'invalid_request');
      assert.match(errorBack.searchParams.get('error_description') ?? '', /PKCE/);
      assert.equal(errorBack.searchParams.get('code'), null);

      const { verifier, state, landed } = await authorize(browser, publisher);
      const callback = new URL(landed);
      const tokens = await oidc.authorizationCodeGrant(publisher.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
      await assert.rejects(oidc.authorizationCodeGrant(publisher.config, callback, { pkceCodeVerifier: verifier, expectedState: state }), isOAuthError('invalid_grant'));
      // RFC 6749 §4.1.2: a replayed code revokes what was issued with it.
      await assert.rejects(oidc.fetchUserInfo(publisher.config, tokens.access_token, tokens.claims()!.sub), isOAuthError('invalid_token'));

      const wrongVerifier = await authorize(browser, publisher);
      await assert.rejects(
        oidc.authorizationCodeGrant(publisher.config, new URL(wrongVerifier.landed), { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: wrongVerifier.state }),
        isOAuthError('invalid_grant'),
      );
    } finally {
      await t.close();
    }
  });

  test(`OIDC: consent withdrawn mid-session stops the next launch, userinfo and refresh (${name})`, async () => {
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const entry = await consentedPublisher(t, school);
      const publisher = await registerClient(t, entry, { profile: 'standard' });
      const browser = await signedInPupil(t, scope, pupils[0].pupilId);
      const { tokens } = await launch(browser, publisher);
      const sub = tokens.claims()!.sub;

      await withdrawConsent(t, school.id, entry.id);
      const next = await authorize(browser, publisher);
      assert.equal(next.response.status, 403);
      assert.ok(next.landed.startsWith(`${t.baseUrl}/oidc/interaction/`), 'refused on Leerpoort, no redirect to the publisher');
      const page = await next.response.text();
      assert.match(page, /lang="nl"/);
      assert.match(page, /ICT-co/, 'the page says who can fix it');
      await assert.rejects(oidc.fetchUserInfo(publisher.config, tokens.access_token, sub));
      await assert.rejects(oidc.refreshTokenGrant(publisher.config, tokens.refresh_token!), isOAuthError('invalid_grant'));
    } finally {
      await t.close();
    }
  });

  test(`OIDC: an agreement narrowed, then ended, mid-launch: userinfo follows at once (${name})`, async () => {
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const entry = await consentedPublisher(t, school, 'standard');
      const publisher = await registerClient(t, entry, { profile: 'standard' });
      const browser = await signedInPupil(t, scope, pupils[0].pupilId);
      const { tokens } = await launch(browser, publisher, { scope: 'openid profile school' });
      const sub = tokens.claims()!.sub;
      const before = await oidc.fetchUserInfo(publisher.config, tokens.access_token, sub);
      assert.ok(before.given_name, 'the standard profile releases the first name');

      // The board narrows the agreement to minimal: the same access token gets no first name any more.
      await t.capabilities.privacy.agreements.set(OPERATOR, { boardId: school.boardId, publisherId: entry.id, profile: 'minimal' });
      const narrowed = await oidc.fetchUserInfo(publisher.config, tokens.access_token, sub);
      assert.equal(narrowed.given_name, undefined);
      assert.equal(narrowed.group, undefined);
      assert.ok(narrowed.nl_edu_home_organization_id, 'minimal still names the school');

      await t.capabilities.privacy.agreements.end(OPERATOR, { boardId: school.boardId }, entry.id);
      await assert.rejects(oidc.fetchUserInfo(publisher.config, tokens.access_token, sub));
    } finally {
      await t.close();
    }
  });

  test(`OIDC never releases claims beyond the effective profile (${name})`, async () => {
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const minimal = await registerClient(t, await consentedPublisher(t, school), { profile: 'minimal' });
      // The client may have with_eck, but the board's agreement says standard: standard applies.
      const narrowedByAgreement = await registerClient(t, await consentedPublisher(t, school, 'standard'), { profile: 'with_eck' });
      const browser = await signedInPupil(t, scope, pupils[0].pupilId);
      const greedy = {
        scope: 'openid profile school eckid',
        claims: JSON.stringify({ userinfo: { given_name: { essential: true }, eckid: { essential: true }, year_group: null }, id_token: { eckid: null, given_name: null } }),
      };

      const a = await launch(browser, minimal, greedy);
      assert.deepEqual(a.tokens.scope?.split(' ').sort(), ['openid', 'school']);
      const idToken = a.tokens.claims()!;
      assert.equal(idToken.eckid, undefined);
      assert.equal(idToken.given_name, undefined);
      const infoA = await oidc.fetchUserInfo(minimal.config, a.tokens.access_token, idToken.sub);
      assert.deepEqual(Object.keys(infoA).sort(), ['nl_edu_home_organization_id', 'role', 'sub']);

      const b = await launch(browser, narrowedByAgreement, greedy);
      const infoB = await oidc.fetchUserInfo(narrowedByAgreement.config, b.tokens.access_token, b.tokens.claims()!.sub);
      assert.equal(infoB.eckid, undefined, 'no ECK iD without a with_eck agreement');
      assert.ok(infoB.given_name);

      const ledger = await t.db.kysely.selectFrom('disclosure_ledger').select(['attributes']).where('recipient', '=', minimal.clientId).execute();
      assert.ok(ledger.length > 0);
      for (const row of ledger) for (const attribute of JSON.parse(row.attributes)) assert.ok(['pseudonym', 'role', 'brin'].includes(attribute), attribute);
    } finally {
      await t.close();
    }
  });

  test(`OIDC: a deactivated pupil gets nothing more; nobody signed in goes to the login first (${name})`, async () => {
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils, roster } = await schoolWithPupils(t, 12);
      const publisher = await registerClient(t, await consentedPublisher(t, school), { profile: 'standard' });
      const browser = await signedInPupil(t, scope, pupils[0].pupilId);
      const { tokens } = await launch(browser, publisher);
      // The way a pupil loses access: the school's next roster import leaves her out.
      const { las_key: leaving } = await t.db.kysely.selectFrom('pupils').select('las_key').where('id', '=', pupils[0].pupilId).executeTakeFirstOrThrow();
      const withoutHer = { ...roster, pupils: roster.pupils.filter((pupil) => pupil.key !== leaving) };
      const summary = await t.capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId: school.id, actor: 'test', content: writeEdexml(withoutHer), fileName: null });
      assert.equal(summary.status, 'applied');
      assert.equal(summary.counts.pupils.deactivated, 1);
      await assert.rejects(oidc.fetchUserInfo(publisher.config, tokens.access_token, tokens.claims()!.sub));
      await assert.rejects(oidc.refreshTokenGrant(publisher.config, tokens.refresh_token!), isOAuthError('invalid_grant'));

      const stranger = new HttpBrowser(t.baseUrl);
      const toLogin = await authorize(stranger, publisher);
      assert.match(toLogin.landed, /\/inloggen\?terug=%2Foidc%2Finteraction%2F/);
      const toSchool = await authorize(new HttpBrowser(t.baseUrl), publisher, { instelling_ref: school.instellingRef });
      assert.ok(toSchool.landed.startsWith(`${t.baseUrl}/school/${school.instellingRef}?terug=%2Foidc%2Finteraction%2F`), toSchool.landed);
    } finally {
      await t.close();
    }
  });

  test(`OIDC: a with_eck launch for a pupil without ECK iD is refused with a Dutch page, not sent without it (${name})`, async () => {
    const t = await listeningApp(database, env);
    try {
      const { school, scope, pupils } = await schoolWithPupils(t, 12);
      const publisher = await registerClient(t, await consentedPublisher(t, school, 'with_eck'), { profile: 'with_eck' });
      await t.db.kysely.updateTable('pupils').set({ eckid: null }).where('id', '=', pupils[0].pupilId).execute();
      const browser = await signedInPupil(t, scope, pupils[0].pupilId);
      const refused = await authorize(browser, publisher, { scope: 'openid school eckid' });
      assert.equal(refused.response.status, 403);
      assert.ok(refused.landed.startsWith(`${t.baseUrl}/oidc/interaction/`));
      assert.match(await refused.response.text(), /nog geen ECK iD bekend/);
      const ledger = await t.db.kysely.selectFrom('disclosure_ledger').select('seq').where('recipient', '=', publisher.clientId).execute();
      assert.equal(ledger.length, 0, 'nothing was released');
    } finally {
      await t.close();
    }
  });
}
