import { test } from 'node:test';
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { buildTestApp, signInAsOperator, TestBrowser } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;
const skip = redisUrl ? false : 'LEERPOORT_TEST_REDIS is not set: the app with sessions in Redis is not tested';

for (const database of testDatabases()) {
  test(`the app keeps sessions in Redis when REDIS_URL is set (${database.name})`, { skip }, async () => {
    const first = await buildTestApp(database, { REDIS_URL: redisUrl! });
    let cookie = '';
    try {
      assert.equal(first.capabilities.sessions.backend, 'redis');
      // A label of its own: other tests sign operators in on the same PostgreSQL database.
      const label = `Redis ${randomUUID().slice(0, 8)}`;
      const browser = await signInAsOperator(first, label);
      assert.equal((await browser.get('/beheer')).statusCode, 200);
      cookie = browser.cookieHeader();
      const rows = await first.db.kysely.selectFrom('sessions').select('id_hash').where('actor_label', '=', label).execute();
      assert.equal(rows.length, 0, 'nothing is written to the sessions table');
    } finally {
      await first.close();
    }
    const restarted = await buildTestApp(database, { REDIS_URL: redisUrl! });
    try {
      const page = await restarted.app.inject({ method: 'GET', url: '/beheer', headers: { cookie } });
      assert.equal(page.statusCode, 200, 'the session survives a restart');
      const stranger = await new TestBrowser(restarted.app).get('/beheer');
      assert.equal(stranger.statusCode, 303, 'without the cookie: the sign-in page');
    } finally {
      await restarted.close();
    }
  });
}
