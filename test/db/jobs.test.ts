/**
 * The job queue on SQLite (in-process, jobs table) and PostgreSQL (real pg-boss): jobs run,
 * failures are retried with backoff, singleton keys drop duplicates, stop() waits for running
 * jobs, and a job whose worker process is killed is retried by another worker.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { openTestDatabase, testDatabases } from '../helpers/databases.js';
import { createJobQueue, type JobQueue } from '../../src/db/jobs/index.js';
import type { Db } from '../../src/db/index.js';

const fast = { sqlite: { pollMs: 100, leaseMs: 1000 }, pgBoss: { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 } };
const opened: Array<{ db: Db; queues: JobQueue[] }> = [];

async function setup(url: string) {
  const db = await openTestDatabase({ name: url.startsWith('postgres') ? 'postgres' : 'sqlite', url });
  const entry = { db, queues: [] as JobQueue[] };
  opened.push(entry);
  const newQueue = () => {
    const queue = createJobQueue(db, url, fast);
    entry.queues.push(queue);
    return queue;
  };
  return { db, newQueue, name: `test-${randomUUID().slice(0, 8)}` };
}

after(async () => {
  for (const { db, queues } of opened) {
    for (const queue of queues) await queue.stop({ timeoutMs: 1000 });
    await db.close();
  }
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const database of testDatabases()) {
  const label = `[${database.name}]`;

  test(`${label} a job runs once with its payload, and the depth counts it until done`, async () => {
    const { newQueue, name } = await setup(database.url);
    const queue = newQueue();
    const seen: Array<{ payload: unknown; attempt: number }> = [];
    queue.register<{ n: number }>(name, async (payload, job) => { seen.push({ payload, attempt: job.attempt }); });
    const id = await queue.enqueue(name, { n: 7 });
    assert.ok(id);
    assert.equal(await queue.depth(name), 1);
    await queue.start();
    await until(() => seen.length === 1);
    await until(async () => (await queue.depth(name)) === 0);
    assert.deepEqual(seen, [{ payload: { n: 7 }, attempt: 1 }]);
    assert.equal(queue.backend, database.name === 'postgres' ? 'pg-boss' : 'sqlite');
  });

  test(`${label} a failing job is retried with a growing delay until it succeeds`, async () => {
    const { newQueue, name } = await setup(database.url);
    const queue = newQueue();
    const attempts: Array<{ attempt: number; at: number }> = [];
    queue.register(name, async (_payload, job) => {
      attempts.push({ attempt: job.attempt, at: Date.now() });
      if (job.attempt < 3) throw new Error(`mislukt ${job.attempt}`);
    }, { retryLimit: 3, retryDelaySeconds: 1 });
    await queue.enqueue(name, {});
    await queue.start();
    await until(() => attempts.length === 3, 30_000);
    assert.deepEqual(attempts.map((a) => a.attempt), [1, 2, 3]);
    // Backoff: at least 1 s before the first retry, more before the second.
    assert.ok(attempts[1].at - attempts[0].at >= 900, `first retry after ${attempts[1].at - attempts[0].at} ms`);
    assert.ok(attempts[2].at - attempts[1].at >= 1400, `second retry after ${attempts[2].at - attempts[1].at} ms`);
    await until(async () => (await queue.depth(name)) === 0);
  });

  test(`${label} a job beyond its retry limit fails and leaves the queue`, async () => {
    const { newQueue, name } = await setup(database.url);
    const queue = newQueue();
    let runs = 0;
    queue.register(name, async () => { runs++; throw new Error('altijd mis'); }, { retryLimit: 1, retryDelaySeconds: 1 });
    await queue.enqueue(name, {});
    await queue.start();
    await until(async () => runs === 2 && (await queue.depth(name)) === 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(runs, 2);
  });

  test(`${label} a second job with a waiting job's singleton key is dropped; keyless jobs never collide`, async () => {
    const { newQueue, name } = await setup(database.url);
    const queue = newQueue();
    assert.ok(await queue.enqueue(name, { v: 1 }, { singletonKey: 'pupil:1' }));
    assert.equal(await queue.enqueue(name, { v: 2 }, { singletonKey: 'pupil:1' }), null);
    assert.ok(await queue.enqueue(name, { v: 3 }, { singletonKey: 'pupil:2' }));
    assert.ok(await queue.enqueue(name, { v: 4 }));
    assert.ok(await queue.enqueue(name, { v: 5 }));
    const seen: number[] = [];
    queue.register<{ v: number }>(name, async (payload) => { seen.push(payload.v); }, { concurrency: 2 });
    await queue.start();
    await until(() => seen.length === 4);
    assert.deepEqual(seen.sort(), [1, 3, 4, 5]);
    // Once the first has run, the key is free again.
    assert.ok(await queue.enqueue(name, { v: 6 }, { singletonKey: 'pupil:1' }));
    await until(() => seen.length === 5);
  });

  test(`${label} concurrency bounds how many jobs of one name run at once`, async () => {
    const { newQueue, name } = await setup(database.url);
    const queue = newQueue();
    let running = 0;
    let peak = 0;
    let done = 0;
    queue.register(name, async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 300));
      running--;
      done++;
    }, { concurrency: 2 });
    for (let i = 0; i < 6; i++) await queue.enqueue(name, { i });
    await queue.start();
    await until(() => done === 6);
    assert.equal(peak, 2);
  });

  test(`${label} stop() waits for the running job to finish, and a later start picks up the rest`, async () => {
    const { newQueue, name } = await setup(database.url);
    const queue = newQueue();
    const finished: number[] = [];
    let started = 0;
    queue.register<{ i: number }>(name, async (payload) => {
      started++;
      await new Promise((resolve) => setTimeout(resolve, 800));
      finished.push(payload.i);
    });
    await queue.enqueue(name, { i: 1 });
    await queue.start();
    await until(() => started === 1);
    await queue.enqueue(name, { i: 2 }, { startAfterSeconds: 2 });
    await queue.stop();
    assert.deepEqual(finished, [1], 'the running job finished before stop() returned');
    assert.equal(await queue.depth(name), 1, 'the other job waits');
    const next = newQueue();
    next.register<{ i: number }>(name, async (payload) => { finished.push(payload.i); });
    await next.start();
    await until(() => finished.length === 2);
    assert.deepEqual(finished, [1, 2]);
  });

  test(`${label} a job whose worker process is killed is retried by another worker`, async () => {
    const { newQueue, name } = await setup(database.url);
    const queue = newQueue();
    await queue.enqueue(name, { pupil: 42 }, { expireInSeconds: 2, retryDelaySeconds: 1 });
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/db/jobs-kill-worker.ts', database.url, name], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await until(() => output.includes('started 1'), 30_000);
    child.kill('SIGKILL');
    await exited;
    const seen: Array<{ payload: unknown; attempt: number }> = [];
    queue.register(name, async (payload, job) => { seen.push({ payload, attempt: job.attempt }); });
    await queue.start();
    await until(() => seen.length === 1, 30_000);
    assert.deepEqual(seen, [{ payload: { pupil: 42 }, attempt: 2 }]);
    await until(async () => (await queue.depth(name)) === 0);
  });
}
