/**
 * ECK iD requests (docs/eckid-hpgn.md) and, on SQLite, the job queue's table (docs/jobs.md;
 * on PostgreSQL pg-boss keeps its own schema).
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.js';
import { createTableWithId, idRef as refType, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const idRef = refType(dialect);

  // "Leerpoort vraagt ECK iD's aan": set per school by the operator or the ICT-coördinator.
  await db.schema
    .createTable('eckid_school_settings')
    .addColumn('school_id', idRef, (c) => c.primaryKey().references('schools.id'))
    .addColumn('requests_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One request per pupil. The PGN and hPGN are only held sealed while needed and erased after.
  await createTableWithId(db, 'eckid_requests', dialect)
    .addColumn('school_id', idRef, (c) => c.notNull().references('schools.id'))
    .addColumn('pupil_id', idRef, (c) => c.notNull().references('pupils.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pgn_kind', 'text')
    .addColumn('sealed_pgn', 'text')
    .addColumn('sealed_hpgn', 'text')
    .addColumn('eckid', 'text')
    .addColumn('error_code', 'text')
    .addColumn('next_attempt_at', 'text')
    // Set when a job was queued for the request (the table is the outbox: see request/dispatcher.ts).
    .addColumn('queued_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addUniqueConstraint('eckid_requests_pupil_unique', ['pupil_id'])
    .execute();
  await db.schema.createIndex('eckid_requests_school_idx').on('eckid_requests').columns(['school_id', 'status']).execute();

  if (dialect !== 'sqlite') return;
  await createTableWithId(db, 'jobs', dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('singleton_key', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retry_limit', 'integer', (c) => c.notNull())
    .addColumn('retry_delay', 'integer', (c) => c.notNull())
    .addColumn('expire_in', 'integer', (c) => c.notNull())
    .addColumn('start_after', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['name', 'state', 'start_after']).execute();
  // Mirrors pg-boss's "short" queue policy: one waiting job per name and singleton key.
  await sql`CREATE UNIQUE INDEX jobs_singleton_idx ON jobs (name, singleton_key) WHERE state = 'created' AND singleton_key IS NOT NULL`.execute(db);
}
