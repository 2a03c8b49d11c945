/**
 * One logout for both protocols, OIDC side, as a publisher sees it (openid-client + a local
 * back-channel receiver): a pupil launches a method and then logs out of Leerpoort → the
 * publisher receives a logout_token that verifies against the JWKS, the refresh token is refused
 * and a new authorization needs the Leerpoort login again. "Overal uitloggen" on one device ends
 * a teacher's OIDC grants on another. A publisher whose back-channel URI is down does not stop
 * the logout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { testDatabases } from '../helpers/databases.js';
import { createTestSchool } from '../helpers/app.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { uniqueEmail, GOOD_PASSWORD } from '../accounts/staff-helpers.js';
import { activeTeacher, authorize, backchannelReceiver, consentedPublisher, csrfOf, freePort, launch, listeningApp, refused, registerClient, signedInPupil, signedInStaff } from './oidc-helpers.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;
// With LEERPOORT_TEST_REDIS the same tests run again with oidc-provider's state in Redis (adapter-redis.ts).
const variants = testDatabases().flatMap((database) => [
  { database, name: database.name, env: {} as Record<string, string> },
  ...(redisUrl ? [{ database, name: `${database.name}+redis`, env: { REDIS_URL: redisUrl } }] : []),
]);

for (const { database, name, env } of variants) {
  test(`a Leerpoort logout ends the publishers' OIDC sessions (${name})`, async (t) => {
    const receiver = await backchannelReceiver();
    const app = await listeningApp(database, env);
    t.after(async () => {
      await app.close();
      await receiver.close();
    });
    const { school, scope, pupils } = await schoolWithPupils(app, 12);
    const jwks = createRemoteJWKSet(new URL(`${app.baseUrl}/oidc/jwks`));

    await t.test('pupil logs out: back-channel logout_token, refresh refused, the next authorize needs the login', async () => {
      const publisher = await registerClient(app, await consentedPublisher(app, school), { profile: 'minimal', host: receiver.url, backchannelLogoutUri: `${receiver.url}/backchannel` });
      const other = await registerClient(app, await consentedPublisher(app, school), { profile: 'minimal' });
      const ipad = await signedInPupil(app, scope, pupils[0].pupilId);
      const { tokens } = await launch(ipad, publisher);
      const atOther = await launch(ipad, other);
      const before = receiver.received.length;

      const out = await ipad.request('/leerling/uitloggen', { form: { _csrf: await csrfOf(ipad, '/leerling') } });
      assert.equal(out.status, 303);
      assert.equal(out.headers.get('location'), `/school/${school.instellingRef}`, 'the class device goes to the school login page');

      assert.equal(receiver.received.length, before + 1, 'the publisher received one back-channel logout before the logout answered');
      const { payload } = await jwtVerify(receiver.received[before], jwks, { issuer: `${app.baseUrl}/oidc`, audience: publisher.clientId });
      assert.equal(payload.sub, tokens.claims()!.sub);
      assert.ok((payload.events as Record<string, unknown>)['http://schemas.openid.net/event/backchannel-logout']);
      assert.ok(payload.jti && payload.iat, 'logout_token carries jti and iat');
      assert.equal(typeof payload.sid, 'string', 'and the OIDC session id the publisher was given');
      assert.equal(payload.nonce, undefined, 'a logout_token has no nonce');

      await refused(publisher, tokens.refresh_token!, 'the refresh token is refused after the logout');
      await refused(other, atOther.tokens.refresh_token!, 'also at a publisher without a back-channel URI');
      const again = await authorize(ipad, publisher);
      assert.ok(!again.landed.startsWith(publisher.redirectUri), 'no code without signing in again');
      assert.match(new URL(again.landed).pathname, /^\/(school\/|inloggen)/, `the login page, got ${again.landed}`);
    });

    await t.test('a publisher whose back-channel URI does not answer does not stop the logout', async () => {
      const deadPort = await freePort();
      const publisher = await registerClient(app, await consentedPublisher(app, school), { profile: 'minimal', host: `http://127.0.0.1:${deadPort}`, backchannelLogoutUri: `http://127.0.0.1:${deadPort}/backchannel` });
      const ipad = await signedInPupil(app, scope, pupils[1].pupilId);
      const { tokens } = await launch(ipad, publisher);
      const out = await ipad.request('/leerling/uitloggen', { form: { _csrf: await csrfOf(ipad, '/leerling') } });
      assert.equal(out.status, 303);
      assert.notEqual((await ipad.request('/leerling')).status, 200, 'signed out of Leerpoort');
      await refused(publisher, tokens.refresh_token!, 'the grant is revoked all the same');
    });

    await t.test('"Overal uitloggen" ends the teacher\'s OIDC grants on her other device', async () => {
      const staffSchool = await createTestSchool(app.capabilities, 'Basisschool De Uitgang');
      const { email } = await activeTeacher(app, staffSchool.id, uniqueEmail('juf.uitloggen'), GOOD_PASSWORD);
      const publisher = await registerClient(app, await consentedPublisher(app, staffSchool), { profile: 'minimal', host: receiver.url, backchannelLogoutUri: `${receiver.url}/backchannel` });
      const laptop = await signedInStaff(app, email, GOOD_PASSWORD);
      const board = await signedInStaff(app, email, GOOD_PASSWORD);
      const onLaptop = await launch(laptop, publisher);
      const onBoard = await launch(board, publisher);
      const before = receiver.received.length;

      const out = await board.request('/account/overal-uitloggen', { form: { _csrf: await csrfOf(board, '/account') } });
      assert.equal(out.status, 303);
      assert.equal(out.headers.get('location'), '/inloggen?uitgelogd=1');
      await refused(publisher, onLaptop.tokens.refresh_token!, 'the other device\'s refresh token is refused');
      await refused(publisher, onBoard.tokens.refresh_token!, 'and this device\'s');
      assert.equal(receiver.received.length, before + 2, 'one back-channel logout per OIDC session');
      for (const token of receiver.received.slice(before)) {
        const { payload } = await jwtVerify(token, jwks, { issuer: `${app.baseUrl}/oidc`, audience: publisher.clientId });
        assert.equal(payload.sub, onLaptop.tokens.claims()!.sub);
      }
      assert.notEqual((await laptop.request('/account')).status, 200, 'the laptop is signed out of Leerpoort too');
    });
  });
}
