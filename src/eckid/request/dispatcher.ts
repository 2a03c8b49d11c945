/**
 * The outbox: requests are written inside the import's transaction, jobs are queued here after
 * the commit (a queue on another connection cannot see uncommitted rows, and SQLite has one).
 * Runs on a timer in the process that works the jobs, and shortly after each import.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { JobQueue } from '../../db/jobs/index.js';
import type { Clock } from '../../lib/clock.js';
import { markQueued, unqueuedRequests } from './store.js';
import { REQUEST_JOB, type RequestJobPayload } from './types.js';

const BATCH = 500;

export function createDispatcher(deps: { db: Kysely<Database>; clock: Clock; queue: JobQueue; intervalMs: number }) {
  const { db, clock, queue } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function dispatchOnce(): Promise<number> {
    let queued = 0;
    for (;;) {
      const rows = await unqueuedRequests(db, BATCH);
      for (const row of rows) {
        const payload: RequestJobPayload = { requestId: row.id, schoolId: row.school_id };
        await queue.enqueue(REQUEST_JOB, payload, { singletonKey: `request:${row.id}` });
        await markQueued(db, row.school_id, row.id, clock.now().toISOString());
        queued++;
      }
      if (rows.length < BATCH) return queued;
    }
  }

  /** Queues every waiting request without a job; one run at a time. */
  function dispatch(): Promise<number> {
    running ??= dispatchOnce().finally(() => { running = null; });
    return running;
  }

  return {
    dispatch,
    /** Soon, not now: the import's transaction is still open when this is asked. */
    kick(): void {
      if (timer === null) return;
      setTimeout(() => void dispatch().catch(() => undefined), 50).unref();
    },
    start(): void {
      if (timer !== null) return;
      timer = setInterval(() => void dispatch().catch(() => undefined), deps.intervalMs);
      timer.unref();
      void dispatch().catch(() => undefined);
    },
    async stop(): Promise<void> {
      if (timer !== null) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
