/**
 * oidc-provider's state in Redis (adapter-redis.ts) at the level of its storage: one script call
 * per payload write puts the payload, its lifetime, the grant's and the person's index sets and
 * the uid index in place; a grant's revocation takes everything issued under it; a payload
 * without a lifetime keeps none. The flows through oidc-provider are in oidc-flow and
 * logout-oidc (they run again with Redis when LEERPOORT_TEST_REDIS is set).
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisAdapterClass } from '../../src/sso/oidc/adapter-redis.js';
// oidc-provider's own request context (what `Provider.ctx` reads): a test stands in for a request with it.
import requestContext from 'oidc-provider/lib/helpers/als.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS ?? null;

if (!redisUrl) test('OIDC state in Redis', { skip: 'LEERPOORT_TEST_REDIS is not set: the Redis adapter is not tested' }, () => {});

/** The adapter on its own connection, and a plain connection to look at what it stored; both closed after the test. */
function openAdapter(t: TestContext, url: string) {
  const { Adapter, close } = createRedisAdapterClass(url, async () => undefined);
  const redis = new Redis(url);
  t.after(async () => {
    await close();
    redis.disconnect();
  });
  return { Adapter, redis };
}

if (redisUrl) {
  test('a payload write sets the payload, its lifetime and its indexes; revoking the grant removes what it issued', async (t) => {
    const { Adapter, redis } = openAdapter(t, redisUrl);
    const unique = randomBytes(6).toString('hex');
    const grantId = `grant-${unique}`;
    const accountId = `pupil:${Number.parseInt(unique.slice(0, 6), 16)}@1`;

    const sessions = new Adapter('Session');
    await sessions.upsert(`session-${unique}`, { uid: `uid-${unique}`, accountId }, 600);
    assert.deepEqual(await sessions.findByUid(`uid-${unique}`), { uid: `uid-${unique}`, accountId });
    const sessionTtl = await redis.ttl(`leerpoort:oidc:uid:Session:uid-${unique}`);
    assert.ok(sessionTtl > 590 && sessionTtl <= 600, `the uid index expires with the session (ttl ${sessionTtl})`);

    const grants = new Adapter('Grant');
    const codes = new Adapter('AuthorizationCode');
    await grants.upsert(grantId, { accountId, clientId: 'c' }, 3600);
    await codes.upsert(`code-${unique}`, { grantId, accountId, clientId: 'c' }, 60);
    const codeKey = `leerpoort:oidc:AuthorizationCode:code-${unique}`;
    const codeTtl = await redis.ttl(codeKey);
    assert.ok(codeTtl > 50 && codeTtl <= 60, `the code keeps its own lifetime (ttl ${codeTtl})`);
    assert.deepEqual((await redis.smembers(`leerpoort:oidc:grant:${grantId}`)).sort(), [`leerpoort:oidc:Grant:${grantId}`, codeKey].sort());
    assert.deepEqual(await grants.idsOfAccount(accountId.split('@')[0]), [grantId], "the grant is listed under the person (without the school) for 'Overal uitloggen'");
    assert.deepEqual(await codes.idsOfAccount(accountId.split('@')[0]), [], 'a code is not: it goes with its grant');

    await codes.consume(`code-${unique}`);
    assert.equal(typeof (await codes.find(`code-${unique}`))?.consumed, 'number');
    // A second write of the same payload replaces it whole (oidc-provider re-saves a session).
    await codes.upsert(`code-${unique}`, { grantId, accountId, clientId: 'c', again: true }, 60);
    assert.deepEqual(await codes.find(`code-${unique}`), { grantId, accountId, clientId: 'c', again: true });

    await codes.revokeByGrantId(grantId);
    assert.equal(await codes.find(`code-${unique}`), undefined);
    assert.equal(await grants.find(grantId), undefined);
    assert.deepEqual(await sessions.findByUid(`uid-${unique}`), { uid: `uid-${unique}`, accountId }, 'a session is not revoked with a grant');

    const lasting = new Adapter('Interaction');
    await lasting.upsert(`lasting-${unique}`, { uid: `uid-l-${unique}` });
    assert.equal(await redis.ttl(`leerpoort:oidc:Interaction:lasting-${unique}`), -1, 'no lifetime given: none set');
    // A lookup by uid (one script call: the index, then the payload) finds what `find` finds, consumed included.
    await lasting.consume(`lasting-${unique}`);
    assert.deepEqual(await lasting.findByUid(`uid-l-${unique}`), { uid: `uid-l-${unique}`, consumed: (await lasting.find(`lasting-${unique}`))?.consumed });
    assert.equal(await lasting.findByUid(`uid-unknown-${unique}`), undefined, 'an unknown uid finds nothing');
    await lasting.destroy(`lasting-${unique}`);
    assert.equal(await lasting.findByUid(`uid-l-${unique}`), undefined, 'an index left pointing at a payload that is gone finds nothing');
    const person = accountId.split('@')[0];
    await redis.del(`leerpoort:oidc:uid:Interaction:uid-l-${unique}`, `leerpoort:oidc:Session:session-${unique}`, `leerpoort:oidc:uid:Session:uid-${unique}`, `leerpoort:oidc:account:Session:${person}`, `leerpoort:oidc:account:Grant:${person}`);
  });

  test('finding a code or token reads its grant and bound session along, for that request only and once', async (t) => {
    const { Adapter, redis } = openAdapter(t, redisUrl);
    const unique = randomBytes(6).toString('hex');
    const [grantId, sessionUid, accountId] = [`grant-${unique}`, `suid-${unique}`, `pupil:${Number.parseInt(unique.slice(0, 6), 16)}@1`];
    const sessions = new Adapter('Session');
    const grants = new Adapter('Grant');
    const tokens = new Adapter('AccessToken');
    await sessions.upsert(`session-${unique}`, { uid: sessionUid, accountId }, 600);
    await grants.upsert(grantId, { accountId, clientId: 'c' }, 600);
    await tokens.upsert(`token-${unique}`, { grantId, sessionUid, expiresWithSession: true, accountId, clientId: 'c' }, 60);
    const tokenKey = `leerpoort:oidc:AccessToken:token-${unique}`;
    assert.deepEqual(await redis.hmget(tokenKey, 'grantId', 'sessionUid'), [grantId, sessionUid], 'the token names its grant and session in fields of its own');
    const gone = () => redis.del(`leerpoort:oidc:Grant:${grantId}`, `leerpoort:oidc:Session:session-${unique}`);

    await requestContext.run({ request: 'token' }, async () => {
      assert.equal((await tokens.find(`token-${unique}`))?.grantId, grantId);
      // Removed from Redis behind the adapter's back: what comes now was read with the token.
      await gone();
      assert.deepEqual(await grants.find(grantId), { accountId, clientId: 'c' }, 'the grant read along with the token');
      assert.deepEqual(await sessions.findByUid(sessionUid), { uid: sessionUid, accountId }, 'the session read along with the token');
      assert.equal(await grants.find(grantId), undefined, 'handed out once: the second lookup reads Redis');
      assert.equal(await sessions.findByUid(sessionUid), undefined);
    });

    await sessions.upsert(`session-${unique}`, { uid: sessionUid, accountId }, 600);
    await grants.upsert(grantId, { accountId, clientId: 'c' }, 600);
    await requestContext.run({ request: 'another' }, async () => {
      await tokens.find(`token-${unique}`);
      await tokens.consume(`token-${unique}`);
      await gone();
      assert.equal(await grants.find(grantId), undefined, 'a write in the request drops what was read ahead');
    });
    await requestContext.run({ request: 'a third' }, async () => {
      await grants.upsert(grantId, { accountId, clientId: 'c' }, 600);
      await tokens.find(`token-${unique}`);
    });
    await requestContext.run({ request: 'a fourth' }, async () => {
      await redis.del(`leerpoort:oidc:Grant:${grantId}`);
      assert.equal(await grants.find(grantId), undefined, "another request's read-ahead is not this one's");
    });
    await tokens.find(`token-${unique}`);
    assert.equal(await grants.find(grantId), undefined, 'outside a request nothing is kept');

    const unbound = new Adapter('AuthorizationCode');
    await unbound.upsert(`code-${unique}`, { grantId, sessionUid, accountId, clientId: 'c' }, 60);
    assert.deepEqual(await redis.hmget(`leerpoort:oidc:AuthorizationCode:code-${unique}`, 'grantId', 'sessionUid'), [grantId, null], 'a code that does not end with its session does not name it: oidc-provider never looks that session up');
    const person = accountId.split('@')[0];
    await redis.del(tokenKey, `leerpoort:oidc:AuthorizationCode:code-${unique}`, `leerpoort:oidc:grant:${grantId}`, `leerpoort:oidc:uid:Session:${sessionUid}`, `leerpoort:oidc:account:Session:${person}`, `leerpoort:oidc:account:Grant:${person}`);
  });
}
