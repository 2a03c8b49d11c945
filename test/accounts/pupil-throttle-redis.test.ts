/**
 * Attempt counters in Redis (REDIS_URL): the device limit holds across two app servers sharing
 * one Redis, and nothing is written to the attempt_buckets table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/app.js';
import { schoolWithPupils, uniqueDevice, uniqueIpv4 } from './pupil-fixtures.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;
const skip = redisUrl ? false : 'LEERPOORT_TEST_REDIS is not set: attempt counters in Redis are not tested';

for (const database of testDatabases()) {
  test(`pupil attempt counters in Redis are shared by app servers (${database.name})`, { skip }, async () => {
    const env = { REDIS_URL: redisUrl!, PUPIL_DEVICE_MAX_FAILURES: '3', PUPIL_MAX_FAILURES: '50' };
    const first = await buildTestApp(database, env);
    const second = await buildTestApp(database, env);
    try {
      assert.equal(first.capabilities.pupilAccess.counterStore, 'redis');
      const { scope, pupils } = await schoolWithPupils(first, 40);
      const [a, b] = pupils;
      const codeA = await first.capabilities.pupilAccess.admin.resetPictureCode('test', scope, a.pupilId);
      const codeB = await first.capabilities.pupilAccess.admin.resetPictureCode('test', scope, b.pupilId);
      const wrongA = codeA.map((id) => (id === 'kat' ? 'hond' : 'kat'));
      const device = uniqueDevice('redis');
      const ip = uniqueIpv4();
      const attempt = (pupilId: number, value: string[]) => ({ schoolId: scope.schoolId, pupilId, deviceId: device, ip, method: 'picture' as const, value });
      await first.capabilities.pupilAccess.login.loginWithCode(attempt(a.pupilId, wrongA));
      await second.capabilities.pupilAccess.login.loginWithCode(attempt(a.pupilId, wrongA));
      await first.capabilities.pupilAccess.login.loginWithCode(attempt(a.pupilId, wrongA));
      assert.equal((await second.capabilities.pupilAccess.login.loginWithCode(attempt(b.pupilId, codeB))).result, 'device_blocked', 'the other server sees the count');
      const rows = await first.db.kysely.selectFrom('attempt_buckets').select('key').where('key', '=', `device:${device}`).execute();
      assert.equal(rows.length, 0, 'nothing in the database');
      first.clock.advance(10);
      second.clock.advance(10);
      assert.equal((await second.capabilities.pupilAccess.login.loginWithCode(attempt(b.pupilId, codeB))).result, 'device_blocked', 'the window slides: still counted 10 minutes on');
      first.clock.advance(1);
      second.clock.advance(1);
      assert.equal((await second.capabilities.pupilAccess.login.loginWithCode(attempt(b.pupilId, codeB))).result, 'ok', 'the window passes (within 1.1 windows)');
    } finally {
      await first.close();
      await second.close();
    }
  });
}
