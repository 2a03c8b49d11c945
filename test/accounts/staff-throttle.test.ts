import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createStaffThrottle, throttleKeys } from '../../src/accounts/staff/throttle.js';
import { databaseCounters } from '../../src/accounts/pupils/counters.js';
import { createTestClock } from '../helpers/app.js';
import { openTestDatabase, testDatabases } from '../helpers/databases.js';

const limits = { maxFailuresPerAccount: 3, maxFailuresPerIp: 5, windowMinutes: 15 };
/** A documentation-range IPv6 address per test run, so runs sharing a database never meet. */
const uniqueIp = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
const uniqueEmail = (name: string) => `${name}.${randomBytes(6).toString('hex')}@school.example.nl`;

for (const database of testDatabases()) {
  test(`staff sign-in throttle (${database.name})`, async (t) => {
    const db = await openTestDatabase(database);
    t.after(() => db.close());
    const clock = createTestClock();
    const throttle = createStaffThrottle({ db: db.kysely, clock, limits });

    await t.test('per address: blocked after the limit, free again after the window, forgiven by a success', async () => {
      const keys = throttleKeys(uniqueEmail('juf'), uniqueIp());
      for (let i = 0; i < 3; i++) {
        assert.equal(await throttle.blocked(keys), false);
        await throttle.recordFailure(keys);
      }
      assert.equal(await throttle.blocked(keys), true);
      clock.advance(15);
      assert.equal(await throttle.blocked(keys), true, 'a failure counts for a full window (sliding, not a new fixed window)');
      clock.advance(1.5);
      assert.equal(await throttle.blocked(keys), false, 'and at most a tenth of a window longer');
      await throttle.recordFailure(keys);
      await throttle.recordSuccess(keys);
      await throttle.recordFailure(keys);
      await throttle.recordFailure(keys);
      assert.equal(await throttle.blocked(keys), false, 'the success wiped the earlier failure');
    });

    await t.test('per IP: many addresses from one IP are stopped at the IP limit; other IPs are not', async () => {
      const ip = uniqueIp();
      for (let i = 0; i < 5; i++) await throttle.recordFailure(throttleKeys(uniqueEmail(`gok${i}`), ip));
      assert.equal(await throttle.blocked(throttleKeys(uniqueEmail('nieuw'), ip)), true);
      assert.equal(await throttle.blocked(throttleKeys(uniqueEmail('nieuw'), uniqueIp())), false);
    });

    await t.test('no 2× burst across a window edge: at most the limit in any 15 minutes', async () => {
      const ip = uniqueIp();
      const keys = throttleKeys(uniqueEmail('rand'), ip);
      clock.advance(14); // late in whatever window a fixed scheme would be in
      for (let i = 0; i < 3; i++) await throttle.recordFailure(keys);
      assert.equal(await throttle.blocked(keys), true);
      let elapsed = 0;
      for (const minutes of [1, 2, 5, 10, 14.9]) {
        clock.advance(minutes - elapsed);
        elapsed = minutes;
        assert.equal(await throttle.blocked(keys), true, `still blocked ${minutes} minutes after the failures`);
      }
    });

    await t.test('pupil attempts from the school IP do not count against staff sign-in', async () => {
      const ip = uniqueIp();
      const pupilCounters = databaseCounters(db.kysely);
      for (let i = 0; i < 10; i++) await pupilCounters.bump(`ip:${ip}`, 1, clock.now());
      assert.equal(await throttle.blocked(throttleKeys(uniqueEmail('juf'), ip)), false);
    });

    await t.test('the address is stored hashed', async () => {
      const email = uniqueEmail('privacy');
      await throttle.recordFailure(throttleKeys(email, uniqueIp()));
      const rows = await db.kysely.selectFrom('attempt_buckets').select('key').where('key', 'like', `%${email}%`).execute();
      assert.equal(rows.length, 0);
      const hashed = await db.kysely.selectFrom('attempt_buckets').select('key').where('key', 'like', 'signin:email:%').execute();
      assert.ok(hashed.length > 0, 'counted under the hashed address');
    });
  });
}
