/**
 * One job queue interface for both deployments: pg-boss on PostgreSQL, a small in-process
 * queue persisted in the `jobs` table on SQLite (docs/jobs.md). Delivery is at least once:
 * a job whose worker dies is retried, so handlers must be idempotent (doing a job twice
 * gives the same one result).
 */

export interface JobContext {
  /** The queue's id of this job (text on both backends). */
  id: string;
  /** 1 on the first try, 2 on the first retry, … */
  attempt: number;
}

export type JobHandler<P> = (payload: P, job: JobContext) => Promise<void>;

export interface WorkerOptions {
  /** Jobs of this name run at once in this process (default 1). */
  concurrency?: number;
  /** Retries after a failure (default 5). */
  retryLimit?: number;
  /** Seconds before the first retry; doubles with each further retry (default 10). */
  retryDelaySeconds?: number;
  /** A job running longer than this counts as failed and is retried (default 15 minutes). */
  expireInSeconds?: number;
}

export interface EnqueueOptions {
  /**
   * At most one job with this name and key waits to start: a second enqueue while one waits
   * is dropped (answers null). Running, finished and retrying jobs do not count.
   */
  singletonKey?: string;
  /** Do not start before this many seconds from now. */
  startAfterSeconds?: number;
  /** Overrides the worker's defaults for this job (the worker may live in another process). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
}

export interface JobQueue {
  readonly backend: 'sqlite' | 'pg-boss';
  /** Handles jobs of `name` in this process once started; register before start(). */
  register<P>(name: string, handler: JobHandler<P>, options?: WorkerOptions): void;
  /** Adds a job; answers its id, or null when a job with the same singletonKey is already waiting. */
  enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<string | null>;
  /** Starts the workers of the registered names (enqueue works without start). */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones (up to timeoutMs, default 30 s). */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Jobs not yet done (waiting, retrying or running), of one name or all. */
  depth(name?: string): Promise<number>;
}

export const DEFAULT_WORKER_OPTIONS = Object.freeze({ concurrency: 1, retryLimit: 5, retryDelaySeconds: 10, expireInSeconds: 15 * 60 });

/** Seconds to wait before retry number `retry` (1-based): the delay doubles each time. */
export function backoffSeconds(retryDelaySeconds: number, retry: number): number {
  return retryDelaySeconds * 2 ** Math.max(0, retry - 1);
}
