/**
 * The job queue on PostgreSQL: pg-boss 10 (its own schema `pgboss`). Every queue is created
 * with pg-boss's "short" policy, which gives exactly our singletonKey rule (one waiting job
 * per key); jobs without a key get a unique one so they never collide (docs/jobs.md).
 * pg-boss 10 has no per-worker concurrency, so concurrency N is N single-job workers.
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { DEFAULT_WORKER_OPTIONS, type EnqueueOptions, type JobHandler, type JobQueue, type WorkerOptions } from './types.js';

export interface PgBossQueueOptions {
  /** How often idle workers poll (seconds, ≥ 0.5). */
  pollingIntervalSeconds?: number;
  /** How often pg-boss expires jobs of dead workers and retries them (seconds; its default 120). */
  maintenanceIntervalSeconds?: number;
  /** Connections pg-boss may hold (its own pool). */
  maxConnections?: number;
}

export function createPgBossJobQueue(connectionString: string, options: PgBossQueueOptions = {}): JobQueue {
  // A stopped pg-boss instance does not start cleanly again: each start gets a new one.
  const newBoss = () => {
    const instance = new PgBoss({
      connectionString,
      max: options.maxConnections ?? 4,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    });
    // pg-boss reports background trouble (a lost connection) as events; without a listener Node would throw.
    instance.on('error', () => undefined);
    return instance;
  };
  let boss = newBoss();
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
  const workers = new Map<string, { handler: JobHandler<unknown>; options: Required<WorkerOptions> }>();
  const ensured = new Map<string, Promise<void>>();
  const workerIds: string[] = [];
  let started: Promise<unknown> | null = null;
  let working = false;

  const ready = () => (started ??= boss.start());

  function ensureQueue(name: string): Promise<void> {
    let done = ensured.get(name);
    if (!done) {
      done = (async () => {
        await ready();
        await boss.createQueue(name, { name, policy: 'short' });
      })();
      done.catch(() => ensured.delete(name));
      ensured.set(name, done);
    }
    return done;
  }

  return {
    backend: 'pg-boss',
    register(name, handler, workerOptions = {}) {
      if (working) throw new Error(`register ${name} before start()`);
      workers.set(name, { handler: handler as JobHandler<unknown>, options: { ...DEFAULT_WORKER_OPTIONS, ...workerOptions } });
    },
    async enqueue(name, payload, enqueueOptions: EnqueueOptions = {}) {
      await ensureQueue(name);
      const defaults = { ...DEFAULT_WORKER_OPTIONS, ...workers.get(name)?.options };
      const id = await boss.send(name, (payload ?? null) as object, {
        singletonKey: enqueueOptions.singletonKey ?? `unique:${randomUUID()}`,
        startAfter: enqueueOptions.startAfterSeconds ? Math.ceil(enqueueOptions.startAfterSeconds) : undefined,
        retryLimit: enqueueOptions.retryLimit ?? defaults.retryLimit,
        retryDelay: enqueueOptions.retryDelaySeconds ?? defaults.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: enqueueOptions.expireInSeconds ?? defaults.expireInSeconds,
      });
      return id ?? null;
    },
    async start() {
      if (working) return;
      working = true;
      await ready();
      for (const [name, { handler, options: workerOptions }] of workers) {
        await ensureQueue(name);
        for (let slot = 0; slot < workerOptions.concurrency; slot++) {
          workerIds.push(await boss.work(name, { batchSize: 1, pollingIntervalSeconds, includeMetadata: true }, async ([job]) => {
            await handler(job.data, { id: job.id, attempt: job.retryCount + 1 });
          }));
        }
      }
    },
    async stop({ timeoutMs = 30_000 } = {}) {
      if (!started) return;
      working = false;
      // graceful: pg-boss stops fetching and waits for running handlers before closing its pool.
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
      boss = newBoss();
      started = null;
      ensured.clear();
      workerIds.length = 0;
    },
    async depth(name) {
      await ready();
      const names = name !== undefined ? [name] : (await boss.getQueues()).map((queue) => queue.name);
      let total = 0;
      for (const queueName of names) total += (await boss.getQueueSize(queueName, { before: 'completed' })) ?? 0;
      return total;
    },
  };
}
