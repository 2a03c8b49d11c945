/**
 * The in-process job queue of the SQLite (embedded) mode. Jobs live in the `jobs` table, so a
 * job survives a restart. A worker claims a job by marking it active with a short lease that
 * it renews while the handler runs; a job whose process died is taken again once its lease
 * ran out. Failures are retried with a doubling delay, like pg-boss (docs/jobs.md).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { backoffSeconds, DEFAULT_WORKER_OPTIONS, type EnqueueOptions, type JobHandler, type JobQueue, type WorkerOptions } from './types.js';
import { claimJob, expiredJobs, finishJob, insertJob, pendingCount, renewLeases, type JobsDb } from './sqlite-store.js';

export interface SqliteQueueOptions {
  /** How often idle workers look for due jobs (ms). */
  pollMs?: number;
  /** A claimed job stays claimed this long without a renewal (ms); a dead worker's job returns after it. */
  leaseMs?: number;
}

interface Worker {
  handler: JobHandler<unknown>;
  options: Required<WorkerOptions>;
  running: Map<number, Promise<void>>;
}

/** Thrown into a handler's race when it runs longer than expireInSeconds. */
class JobExpired extends Error {}

export function createSqliteJobQueue(db: Kysely<any>, options: SqliteQueueOptions = {}): JobQueue {
  const jobs = db as unknown as JobsDb;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 30_000;
  const owner = randomUUID();
  const workers = new Map<string, Worker>();
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let pumping: Promise<void> | null = null;

  const nowIso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

  async function runJob(worker: Worker, job: { id: number; payload: string; attempts: number; expire_in: number }) {
    let expiry: NodeJS.Timeout | undefined;
    try {
      const expired = new Promise<never>((_, reject) => {
        expiry = setTimeout(() => reject(new JobExpired(`job ran longer than ${job.expire_in} s`)), job.expire_in * 1000);
      });
      await Promise.race([worker.handler(JSON.parse(job.payload), { id: String(job.id), attempt: job.attempts }), expired]);
      await finishJob(jobs, job.id, owner, { ok: true, now: nowIso() });
    } catch (error) {
      await finishJob(jobs, job.id, owner, { ok: false, error: String((error as Error)?.message ?? error), now: nowIso(), backoff: backoffSeconds })
        .catch(() => undefined); // the database is gone; the lease runs out and the job returns
    } finally {
      clearTimeout(expiry);
      worker.running.delete(job.id);
      if (started) void pump();
    }
  }

  /** Fills every worker's free slots with due jobs. One pump at a time (claims are serial anyway). */
  function pump(): Promise<void> {
    pumping ??= (async () => {
      try {
        for (const job of await expiredJobs(jobs, nowIso())) {
          await finishJob(jobs, job.id, job.owner, { ok: false, error: 'lease expired (worker stopped or died)', now: nowIso(), backoff: backoffSeconds });
        }
        for (const [name, worker] of workers) {
          while (started && worker.running.size < worker.options.concurrency) {
            const job = await claimJob(jobs, name, owner, nowIso(), nowIso(leaseMs));
            if (!job) break;
            worker.running.set(job.id, runJob(worker, job));
          }
        }
        const held = [...workers.values()].flatMap((worker) => [...worker.running.keys()]);
        if (held.length > 0) await renewLeases(jobs, held, owner, nowIso(leaseMs));
      } finally {
        pumping = null;
      }
    })().catch(() => undefined); // a failing database is retried on the next tick
    return pumping;
  }

  return {
    backend: 'sqlite',
    register(name, handler, options = {}) {
      if (started) throw new Error(`register ${name} before start()`);
      workers.set(name, { handler: handler as JobHandler<unknown>, options: { ...DEFAULT_WORKER_OPTIONS, ...options }, running: new Map() });
    },
    async enqueue(name, payload, options: EnqueueOptions = {}) {
      const defaults = { ...DEFAULT_WORKER_OPTIONS, ...workers.get(name)?.options };
      const id = await insertJob(jobs, {
        name,
        payload: JSON.stringify(payload ?? null),
        singleton_key: options.singletonKey ?? null,
        retry_limit: options.retryLimit ?? defaults.retryLimit,
        retry_delay: options.retryDelaySeconds ?? defaults.retryDelaySeconds,
        expire_in: options.expireInSeconds ?? defaults.expireInSeconds,
        start_after: nowIso((options.startAfterSeconds ?? 0) * 1000),
        created_at: nowIso(),
      });
      if (id !== null && started && workers.has(name)) void pump();
      return id === null ? null : String(id);
    },
    async start() {
      if (started) return;
      started = true;
      timer = setInterval(() => void pump(), Math.min(pollMs, leaseMs / 3));
      timer.unref();
      await pump();
    },
    async stop({ timeoutMs = 30_000 } = {}) {
      started = false;
      if (timer) clearInterval(timer);
      timer = null;
      await pumping;
      const running = [...workers.values()].flatMap((worker) => [...worker.running.values()]);
      // Leases are renewed while we wait, so no one else takes a job that is still finishing.
      const renew = setInterval(() => {
        const held = [...workers.values()].flatMap((worker) => [...worker.running.keys()]);
        if (held.length > 0) void renewLeases(jobs, held, owner, nowIso(leaseMs)).catch(() => undefined);
      }, Math.max(100, leaseMs / 3));
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(running), new Promise((resolve) => { timeout = setTimeout(resolve, timeoutMs); })]);
      clearTimeout(timeout);
      clearInterval(renew);
    },
    depth: (name) => pendingCount(jobs, name),
  };
}

