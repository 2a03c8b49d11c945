/**
 * Redis or PostgreSQL going away and coming back (issue 6, "Faults"): while it is down people get
 * a 503 with a Dutch "try again in a moment" page and the stable code `service.unavailable`
 * (never a 500, never a crashed process); once it is back the app recovers by itself. Runs on a
 * private Redis and a private PostgreSQL cluster (test/helpers/private-servers.ts) so stopping
 * them never disturbs the shared servers; skipped only where the server binaries are absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, signInAsOperator, TestBrowser } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { privateServersMissing, startPrivatePostgres, startPrivateRedis } from '../helpers/private-servers.js';

const skip = privateServersMissing() ?? false;
const DUTCH_503 = 'Leerpoort is heel even niet bereikbaar. Wacht een paar tellen en probeer het dan opnieuw.';

/** Asks until the answer is no longer a 503 (the pools reconnect with a backoff); returns it. */
async function whenRecovered(browser: TestBrowser, url: string, withinMs = 10_000) {
  const until = Date.now() + withinMs;
  for (;;) {
    const answer = await browser.get(url);
    if (answer.statusCode !== 503 || Date.now() > until) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function assertUnavailable(answer: LightMyRequestResponse) {
  assert.equal(answer.statusCode, 503, answer.body.slice(0, 300));
  assert.match(answer.body, /data-code="service\.unavailable"/);
  assert.ok(answer.body.includes(DUTCH_503), 'the Dutch message is on the page');
  assert.equal(answer.headers['retry-after'], '5');
}

// Sessions in Redis; the database (SQLite, and PostgreSQL when configured) stays up.
for (const database of testDatabases()) {
  test(`[${database.name}] Redis stopped: signed-in pages answer 503 in Dutch; restarted: the app recovers, the lost session means signing in again`, { skip }, async () => {
    const redis = await startPrivateRedis();
    const t = await buildTestApp(database, { REDIS_URL: redis.url });
    try {
      const operator = await signInAsOperator(t);
      assert.equal((await operator.get('/beheer')).statusCode, 200);

      await redis.stop();
      assertUnavailable(await operator.get('/beheer'));
      // Signing in needs Redis too (the new session goes there).
      const login = await t.capabilities.operatorAccess.issueLoginLink('Testbeheer');
      const fresh = new TestBrowser(t.app);
      assert.equal((await fresh.get(login.path)).statusCode, 200);
      assertUnavailable(await fresh.post(login.path));

      await redis.start();
      // Redis keeps nothing on disk: the session is gone, so the operator is sent to sign in again.
      const back = await whenRecovered(operator, '/beheer');
      assert.equal(back.statusCode, 303);
      assert.equal(back.headers.location, '/inloggen');
      const again = await signInAsOperator(t);
      assert.equal((await again.get('/beheer')).statusCode, 200);
    } finally {
      await t.close();
      await redis.remove();
    }
  });
}

test('[postgres, private] PostgreSQL stopped: 503 in Dutch, no crash; restarted: the pool reconnects and the session (stored in the database) still holds', { skip }, async () => {
  const server = await startPrivatePostgres({ fsync: false });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('create database outage');
  await admin.end();
  const url = server.url.replace(/\/postgres$/, '/outage');
  const t = await buildTestApp({ name: 'postgres', url });
  try {
    const operator = await signInAsOperator(t);
    assert.equal((await operator.get('/beheer')).statusCode, 200);

    await server.stop(); // an immediate shutdown: every pooled connection is cut
    assertUnavailable(await operator.get('/beheer'));
    assertUnavailable(await operator.get('/beheer'));

    await server.start();
    const back = await whenRecovered(operator, '/beheer');
    assert.equal(back.statusCode, 200, 'same session, no new sign-in: it was committed before the stop');
  } finally {
    await t.close();
    await server.remove();
  }
});
