import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { createSessionService, type SessionSubject } from '../../src/accounts/index.js';
import { hashToken } from '../../src/lib/tokens.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/index.js';
import { createTestClock } from '../helpers/app.js';
import { openTestDatabase, testDatabases } from '../helpers/databases.js';

const ttl = { minutes: 480, sharedDeviceMinutes: 60 };
/** Ids far from those other tests use, so runs sharing one PostgreSQL database do not meet. */
const uniqueId = () => randomInt(1_000_000, 2 ** 40);

/** Redis variants run when LEERPOORT_TEST_REDIS names a Redis server (CI should set it). */
const redisUrl = process.env.LEERPOORT_TEST_REDIS ?? null;
const backends = [{ name: 'database', redisUrl: null }, ...(redisUrl ? [{ name: 'redis', redisUrl }] : [])];

/** Where the hashed id of a session is stored, to check that the plain id is not. */
async function storedHashes(db: Kysely<Database>, backend: string | null, candidates: string[]): Promise<string[]> {
  if (backend) {
    const redis = new Redis(backend);
    try {
      const found: string[] = [];
      for (const c of candidates) if (await redis.exists(`leerpoort:session:${c}`)) found.push(c);
      return found;
    } finally {
      await redis.quit();
    }
  }
  const rows = await db.selectFrom('sessions').select('id_hash').where('id_hash', 'in', candidates).execute();
  return rows.map((r) => r.id_hash);
}

if (!redisUrl) test('sessions in Redis', { skip: 'LEERPOORT_TEST_REDIS is not set: sessions in Redis are not tested' }, () => {});

const variants = testDatabases().flatMap((database) => backends.map((backend) => ({ database, backend })));
for (const { database, backend } of variants) {
  test(`sessions (${database.name}, sessions in ${backend.name})`, async (t) => {
    const db = await openTestDatabase(database);
    const clock = createTestClock();
    const sessions = createSessionService({ db: db.kysely, clock, ttl, redisUrl: backend.redisUrl });
    t.after(async () => {
      await sessions.close();
      await db.close();
    });

    await t.test('every kind of subject comes back as it went in', async () => {
      const subjects: SessionSubject[] = [
        { kind: 'operator', label: `Beheer ${uniqueId()}` },
        { kind: 'staff', accountId: uniqueId(), label: 'Anna de Vries' },
        { kind: 'pupil', pupilId: uniqueId(), schoolId: uniqueId(), label: 'Zoë' },
        { kind: 'parent', parentId: uniqueId(), label: 'Yılmaz' },
      ];
      for (const subject of subjects) {
        const started = await sessions.start(subject);
        const found = await sessions.lookup(started.sessionId);
        assert.deepEqual(found, { subject, sharedDevice: false, expiresAt: started.expiresAt });
      }
    });

    await t.test('the id is 256 bits and only its hash is stored', async () => {
      const { sessionId } = await sessions.start({ kind: 'staff', accountId: uniqueId(), label: 'Bas' });
      assert.equal(Buffer.from(sessionId, 'base64url').length, 32);
      assert.deepEqual(await storedHashes(db.kysely, backend.redisUrl, [sessionId, hashToken(sessionId)]), [hashToken(sessionId)]);
    });

    await t.test('starting a session rotates: the one it replaces is ended', async () => {
      const subject: SessionSubject = { kind: 'staff', accountId: uniqueId(), label: 'Carla' };
      const before = await sessions.start({ kind: 'pupil', pupilId: uniqueId(), schoolId: uniqueId(), label: 'Daan' });
      const after = await sessions.start(subject, { replacing: before.sessionId });
      assert.notEqual(after.sessionId, before.sessionId);
      assert.equal(await sessions.lookup(before.sessionId), null);
      assert.deepEqual((await sessions.lookup(after.sessionId))?.subject, subject);
    });

    await t.test('a session expires after its lifetime; a shared device sooner', async () => {
      const personal = await sessions.start({ kind: 'staff', accountId: uniqueId(), label: 'Eva' });
      const shared = await sessions.start({ kind: 'pupil', pupilId: uniqueId(), schoolId: uniqueId(), label: 'Fleur' }, { sharedDevice: true });
      assert.equal((await sessions.lookup(shared.sessionId))?.sharedDevice, true);
      assert.equal(Date.parse(shared.expiresAt) - clock.now().getTime() <= 60 * 60_000, true);
      clock.advance(59);
      assert.notEqual(await sessions.lookup(shared.sessionId), null);
      clock.advance(2);
      assert.equal(await sessions.lookup(shared.sessionId), null);
      assert.notEqual(await sessions.lookup(personal.sessionId), null);
      clock.advance(480 - 61 + 1);
      assert.equal(await sessions.lookup(personal.sessionId), null);
      clock.advance(-480);
    });

    await t.test('end ends one session; unknown and empty ids are simply nobody', async () => {
      const subject: SessionSubject = { kind: 'parent', parentId: uniqueId(), label: 'Gert' };
      const one = await sessions.start(subject);
      const two = await sessions.start(subject);
      await sessions.end(one.sessionId);
      assert.equal(await sessions.lookup(one.sessionId), null);
      assert.notEqual(await sessions.lookup(two.sessionId), null);
      assert.equal(await sessions.lookup(null), null);
      assert.equal(await sessions.lookup(''), null);
      assert.equal(await sessions.lookup('not-a-session'), null);
      await sessions.end(undefined);
    });

    await t.test('endAllFor ends every session of that subject and no one else’s', async () => {
      const accountId = uniqueId();
      const mine = [await sessions.start({ kind: 'staff', accountId, label: 'Hanna' }), await sessions.start({ kind: 'staff', accountId, label: 'Hanna' }, { sharedDevice: true })];
      const samePupilId = await sessions.start({ kind: 'pupil', pupilId: accountId, schoolId: uniqueId(), label: 'Iris' });
      const operatorLabel = `Beheer ${uniqueId()}`;
      const operator = await sessions.start({ kind: 'operator', label: operatorLabel });
      const otherOperator = await sessions.start({ kind: 'operator', label: `${operatorLabel}-2` });

      assert.equal(await sessions.endAllFor({ kind: 'staff', accountId }), 2);
      for (const s of mine) assert.equal(await sessions.lookup(s.sessionId), null);
      assert.notEqual(await sessions.lookup(samePupilId.sessionId), null, 'a pupil with the same number is another person');
      // The roster knows a leaving pupil by id only (compose.ts `onPupilsGone`): that is enough.
      assert.equal(await sessions.endAllFor({ kind: 'pupil', pupilId: accountId }), 1);
      assert.equal(await sessions.lookup(samePupilId.sessionId), null);

      assert.equal(await sessions.endAllFor({ kind: 'operator', label: operatorLabel }), 1);
      assert.equal(await sessions.lookup(operator.sessionId), null);
      assert.notEqual(await sessions.lookup(otherOperator.sessionId), null);
    });

    await t.test('a restart (new service over the same database) still finds the session', async () => {
      const subject: SessionSubject = { kind: 'staff', accountId: uniqueId(), label: 'Joost' };
      const started = await sessions.start(subject);
      const reopened = await openTestDatabase(database);
      try {
        const afterRestart = createSessionService({ db: reopened.kysely, clock, ttl, redisUrl: backend.redisUrl });
        assert.deepEqual((await afterRestart.lookup(started.sessionId))?.subject, subject);
        await afterRestart.close();
      } finally {
        await reopened.close();
      }
    });

    // Redis keeps its own expiry and no last-seen column, so this one is only for the database store.
    if (!backend.redisUrl) await t.test('lookup records when the session was last seen, at most once a minute', async () => {
      const started = await sessions.start({ kind: 'staff', accountId: uniqueId(), label: 'Kees' });
      const lastSeen = async () =>
        (await db.kysely.selectFrom('sessions').select('last_seen_at').where('id_hash', '=', hashToken(started.sessionId)).executeTakeFirstOrThrow()).last_seen_at;
      const first = await lastSeen();
      clock.advance(5);
      await sessions.lookup(started.sessionId);
      const later = await lastSeen();
      assert.ok(later !== null && first !== null && Date.parse(later) - Date.parse(first) >= 5 * 60_000);
    });
  });
}
