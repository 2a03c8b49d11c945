/**
 * The endpoints for operations: liveness, readiness (database and Redis answer) and
 * Prometheus metrics (per-route latency, logins), on SQLite and PostgreSQL, with and without Redis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { buildTestApp, signInAsOperator } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';

const redisUrl = process.env.LEERPOORT_TEST_REDIS;
const skipRedis = redisUrl ? false : 'LEERPOORT_TEST_REDIS is not set: readiness with Redis is not tested';

/** A port nothing listens on: a Redis there is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

for (const database of testDatabases()) {
  test(`[${database.name}] /healthz and /readyz answer without a session; /readyz checks the database`, async () => {
    const t = await buildTestApp(database);
    try {
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ready', checks: { database: { status: 'ok' } } });
    } finally {
      await t.close();
    }
  });

  test(`[${database.name}] /readyz reports Redis: ready when it answers, 503 when it does not`, { skip: skipRedis }, async () => {
    const up = await buildTestApp(database, { REDIS_URL: redisUrl! });
    try {
      const ready = await up.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200, ready.body);
      assert.equal(ready.json().checks.redis.status, 'ok');
    } finally {
      await up.close();
    }
    const down = await buildTestApp(database, { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
    try {
      const notReady = await down.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(notReady.statusCode, 503);
      assert.equal(notReady.json().status, 'not_ready');
      assert.equal(notReady.json().checks.database.status, 'ok');
      assert.equal(notReady.json().checks.redis.status, 'fout');
    } finally {
      await down.close();
    }
  });

  test(`[${database.name}] /metrics counts logins and request latency per route pattern, never raw URLs`, async () => {
    const t = await buildTestApp(database);
    try {
      await signInAsOperator(t);
      await t.app.inject({ method: 'GET', url: '/beheer/scholen/987654' });
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(metrics.statusCode, 200);
      assert.match(String(metrics.headers['content-type']), /^text\/plain/);
      assert.match(metrics.body, /leerpoort_logins_total\{kind="operator"\} 1/);
      assert.match(metrics.body, /leerpoort_http_request_duration_seconds_count\{method="GET",route="\/beheer\/scholen\/:\w+",status="\d+"\} 1/);
      assert.ok(!metrics.body.includes('987654'), 'ids in URLs never become label values');
      assert.match(metrics.body, /leerpoort_job_queue_depth/);
      assert.match(metrics.body, /process_cpu_seconds_total/);
    } finally {
      await t.close();
    }
  });
}
