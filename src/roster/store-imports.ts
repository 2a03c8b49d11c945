/**
 * SQL for the import log (import_runs), the files that wait for confirmation
 * (pending_imports) and the undo journal (import_changes). Reads and state changes of a run
 * always filter on its school; only a refused file for an unknown school is logged without one.
 */
import { PostgresAdapter, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, ImportChangeTable, ImportRunTable, ImportStatus } from '../db/index.js';
import { insertInBatches } from './store-batches.js';

type Scope = { schoolId: number };
export type ImportRunRow = Selectable<ImportRunTable>;
export type JournalRow = Selectable<ImportChangeTable>;

/**
 * Makes changes to one school's roster happen one after the other; the first statement of
 * every such transaction. PostgreSQL: lock the school's row — before inserting anything that
 * refers to it, since such an insert takes a key-share lock on it and two of those waiting
 * for each other's upgrade would deadlock. NO KEY UPDATE still lets other features insert
 * rows referring to the school. SQLite has one writer at a time; the transaction's next
 * statement is a write, so it holds the write lock from there on.
 */
export async function lockSchool(db: Kysely<Database>, scope: Scope): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.selectFrom('schools').select('id').where('id', '=', scope.schoolId).forNoKeyUpdate().execute();
}

export async function insertRun(db: Kysely<Database>, values: Insertable<ImportRunTable>): Promise<number> {
  const row = await db.insertInto('import_runs').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRun(db: Kysely<Database>, scope: Scope, id: number, values: Updateable<ImportRunTable>): Promise<void> {
  await db.updateTable('import_runs').set(values).where('school_id', '=', scope.schoolId).where('id', '=', id).execute();
}

/** Moves a run from one of `from` to a new status; false when it was not in one of them (anymore). */
export async function claimRun(
  db: Kysely<Database>,
  scope: Scope,
  id: number,
  from: ImportStatus[],
  values: Updateable<ImportRunTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('import_runs')
    .set(values)
    .where('school_id', '=', scope.schoolId)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function runById(db: Kysely<Database>, scope: Scope, id: number): Promise<ImportRunRow | undefined> {
  return db.selectFrom('import_runs').selectAll().where('school_id', '=', scope.schoolId).where('id', '=', id).executeTakeFirst();
}

export async function runsOfSchool(db: Kysely<Database>, scope: Scope, limit: number): Promise<ImportRunRow[]> {
  return db.selectFrom('import_runs').selectAll().where('school_id', '=', scope.schoolId).orderBy('id', 'desc').limit(limit).execute();
}

/** The school's import applied last (by time of application, which is strictly increasing per school). */
export async function latestAppliedRun(db: Kysely<Database>, scope: Scope): Promise<Pick<ImportRunRow, 'id' | 'applied_at'> | undefined> {
  return db
    .selectFrom('import_runs')
    .select(['id', 'applied_at'])
    .where('school_id', '=', scope.schoolId)
    .where('status', '=', 'applied')
    .orderBy('applied_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function savePendingFile(db: Kysely<Database>, importId: number, content: Buffer): Promise<void> {
  await db.insertInto('pending_imports').values({ import_id: importId, content }).execute();
}

const runsOf = (db: Kysely<Database>, scope: Scope) => db.selectFrom('import_runs').select('id').where('school_id', '=', scope.schoolId);

export async function pendingFile(db: Kysely<Database>, scope: Scope, importId: number): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('pending_imports')
    .select('content')
    .where('import_id', '=', importId)
    .where('import_id', 'in', runsOf(db, scope))
    .executeTakeFirst();
  return row && Buffer.from(row.content);
}

export async function deletePendingFile(db: Kysely<Database>, scope: Scope, importId: number): Promise<void> {
  await db.deleteFrom('pending_imports').where('import_id', '=', importId).where('import_id', 'in', runsOf(db, scope)).execute();
}

export async function insertJournal(db: Kysely<Database>, rows: Array<Insertable<ImportChangeTable>>): Promise<void> {
  await insertInBatches(db, 'import_changes', rows);
}

export async function journalOf(db: Kysely<Database>, scope: Scope, importId: number): Promise<JournalRow[]> {
  return db
    .selectFrom('import_changes')
    .selectAll()
    .where('import_id', '=', importId)
    .where('import_id', 'in', runsOf(db, scope))
    .orderBy('id')
    .execute();
}
