/**
 * The job queue's public face: one interface, pg-boss on PostgreSQL and the in-process queue
 * on SQLite, picked by the database (docs/jobs.md).
 */
import type { Db } from '../database.js';
import { createPgBossJobQueue, type PgBossQueueOptions } from './pgboss-queue.js';
import { createSqliteJobQueue, type SqliteQueueOptions } from './sqlite-queue.js';
import type { JobQueue } from './types.js';

export type { EnqueueOptions, JobContext, JobHandler, JobQueue, WorkerOptions } from './types.js';
export { backoffSeconds, DEFAULT_WORKER_OPTIONS } from './types.js';
export { createPgBossJobQueue, createSqliteJobQueue };
export type { PgBossQueueOptions, SqliteQueueOptions };

export interface JobQueueOptions {
  sqlite?: SqliteQueueOptions;
  pgBoss?: PgBossQueueOptions;
}

/** The queue for this database: pg-boss needs the connection URL (it keeps its own pool). */
export function createJobQueue(db: Db, databaseUrl: string, options: JobQueueOptions = {}): JobQueue {
  return db.dialect === 'postgres'
    ? createPgBossJobQueue(databaseUrl, options.pgBoss)
    : createSqliteJobQueue(db.kysely, options.sqlite);
}
