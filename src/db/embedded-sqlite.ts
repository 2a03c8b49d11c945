/**
 * The embedded SQLite connection behind a Kysely instance, for statements that may skip Kysely's
 * executor (compiled-once.ts). better-sqlite3 runs every statement synchronously; what Kysely
 * adds around it — the connection mutex, its async steps, plugins — costs more than SQLite
 * itself on the small statements an SSO launch runs two dozen times.
 *
 * Skipping it is safe only while no transaction is open on the one connection: a Kysely
 * transaction awaits between its statements, and a statement run directly meanwhile would
 * become part of it (and roll back with it). So the direct path checks better-sqlite3's
 * `inTransaction` first and otherwise leaves the statement to Kysely, which queues it behind the
 * transaction (compiled-once.ts, `transactionNow` below). Only the instance openDatabase created
 * is registered: a transaction, a single connection or an instance with plugins (the benches'
 * statement counter) always goes through Kysely. ADR 0019.
 */
import type SQLite from 'better-sqlite3';
import type { Kysely, QueryResult } from 'kysely';

const connections = new WeakMap<object, SQLite.Database>();

/** Called once by openDatabase for the SQLite instance it creates. */
export function registerEmbeddedSqlite(kysely: object, sqlite: SQLite.Database): void {
  connections.set(kysely, sqlite);
}

/** The connection behind `kysely`, when it is openDatabase's SQLite instance itself. */
export function embeddedSqliteOf(kysely: object): SQLite.Database | undefined {
  return connections.get(kysely);
}

/**
 * Runs `work` as one synchronous IMMEDIATE transaction of better-sqlite3 when `db` is the
 * registered SQLite instance (else null: the caller takes its Kysely transaction). `work` runs
 * statements with their `now` (compiled-once.ts) and must not await; nothing else in the process
 * runs meanwhile. While a Kysely transaction is open on the one connection, it first waits for
 * Kysely's connection: once that is acquired, no Kysely transaction is open.
 */
export function transactionNow<Db, T>(db: Kysely<Db>, work: () => T): Promise<T> | null {
  const sqlite = connections.get(db);
  if (!sqlite) return null;
  const run = () => sqlite.transaction(work).immediate();
  if (sqlite.inTransaction) return db.connection().execute(async () => run());
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Runs a prepared statement as Kysely's SQLite driver would, with the same result shape. */
export function runPrepared<Row>(statement: SQLite.Statement, parameters: readonly unknown[]): QueryResult<Row> {
  if (statement.reader) return { rows: statement.all(parameters) as Row[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}
