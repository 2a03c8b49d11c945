/**
 * The sliding attempt window, on every backend (SQLite, PostgreSQL, Redis): never more than
 * the limit in any stretch of one window — no 2× burst at a window edge — and an attempt
 * stops counting between one window and 1.1 windows later.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { bucketRange, databaseCounters, redisCounters, type AttemptCounters } from '../../src/accounts/pupils/counters.js';
import { openTestDatabase, testDatabases } from '../helpers/databases.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;
const WINDOW = 10; // minutes
const LIMIT = 5;
const minute = 60_000;

/**
 * A start exactly on a bucket edge (and so on a fixed window edge too), 30 days ago: the prune
 * check below then removes only this test's buckets, never those of tests running alongside.
 */
const DAY = 24 * 60 * minute;
const aligned = () => new Date(bucketRange(WINDOW, new Date(Date.now() - 30 * DAY)).current);
const uniqueKey = (name: string) => `device:${name}-${randomBytes(6).toString('hex')}`;

async function checkBackend(counters: AttemptCounters) {
  // The classic burst: LIMIT attempts just before a fixed window would end, then more just after.
  const key = uniqueKey('rand');
  const start = aligned();
  const at = (minutes: number) => new Date(start.getTime() + minutes * minute);
  for (let i = 0; i < LIMIT; i++) assert.equal(await counters.bump(key, WINDOW, at(9.9)), i + 1);
  assert.equal(await counters.value(key, WINDOW, at(10.1)), LIMIT, 'still counted right after the window edge');
  assert.equal(await counters.value(key, WINDOW, at(19.9)), LIMIT, 'counted for a full window');
  assert.equal(await counters.value(key, WINDOW, at(21)), 0, 'gone after 1.1 windows');

  // Random traffic, admitted while under the limit: at most LIMIT admitted in every window-long stretch.
  const random = uniqueKey('random');
  const admitted: number[] = [];
  let t = 0;
  for (let i = 0; i < 150; i++) {
    t += Math.random() * 1.2; // minutes
    if ((await counters.value(random, WINDOW, at(t))) < LIMIT) {
      await counters.bump(random, WINDOW, at(t));
      admitted.push(t);
    }
  }
  for (const from of admitted) {
    const inWindow = admitted.filter((x) => x >= from && x < from + WINDOW).length;
    assert.ok(inWindow <= LIMIT, `${inWindow} admitted in the ${WINDOW} minutes from ${from.toFixed(2)}`);
  }
  assert.ok(admitted.length >= LIMIT * 2, 'and the limit does free up again');

  await counters.reset(key, WINDOW);
  assert.equal(await counters.value(key, WINDOW, at(10.1)), 0, 'reset forgets the key');

  // Several counters in one call (the pupil login's IP and device): each with its own window, added to or only read.
  const [added, read] = [uniqueKey('added'), uniqueKey('read')];
  await counters.bump(read, WINDOW, at(1));
  await counters.bump(read, WINDOW, at(1));
  assert.deepEqual(await counters.count([{ key: added, windowMinutes: 1, add: true }, { key: read, windowMinutes: WINDOW, add: false }], at(2)), [1, 2]);
  assert.deepEqual(await counters.count([{ key: added, windowMinutes: 1, add: true }, { key: read, windowMinutes: WINDOW, add: false }], at(2)), [2, 2], 'only the added one grows');
  assert.deepEqual(await counters.count([{ key: added, windowMinutes: 1, add: false }, { key: read, windowMinutes: WINDOW, add: false }], at(3.2)), [0, 2], 'each in its own window');
}

for (const database of testDatabases()) {
  test(`sliding attempt window in the database (${database.name})`, async (t) => {
    const db = await openTestDatabase(database);
    t.after(() => db.close());
    const counters = databaseCounters(db.kysely);
    await checkBackend(counters);
    const left = () => db.kysely.selectFrom('attempt_buckets').select('key').where('key', 'like', 'device:random-%').execute();
    assert.ok((await left()).length > 0);
    // The first attempt of an address in a new bucket removes buckets a day past any window.
    await counters.bump(`ip:${randomBytes(4).toString('hex')}`, 1, new Date());
    assert.equal((await left()).length, 0, 'old buckets are pruned');
  });
}

test('sliding attempt window in Redis', { skip: redisUrl ? false : 'LEERPOORT_TEST_REDIS is not set' }, async (t) => {
  const counters = redisCounters(redisUrl!);
  t.after(() => counters.close());
  await checkBackend(counters);
});
