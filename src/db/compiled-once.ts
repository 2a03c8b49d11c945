/**
 * Queries built and compiled once, run many times with new values (Kysely's "split build,
 * compile and execute" recipe). Building and compiling a small query through Kysely costs about
 * as much as SQLite takes to run it; on the few statements every SSO launch runs a dozen times
 * that is worth saving. The template is built with a marker value per named parameter; the
 * compiled query's parameters are then mapped back to those names, so the order Kysely put them
 * in never has to be guessed. On PostgreSQL the text is also prepared by name on each connection
 * (prepared-statements.ts), so the server parses and plans it once rather than every time.
 */
import type SQLite from 'better-sqlite3';
import type { Compilable, Kysely, QueryResult } from 'kysely';
import { prepareByName } from './prepared-statements.js';
import { embeddedSqliteOf, runPrepared } from './embedded-sqlite.js';

const MARK = '\u0000leerpoort-param:';

/**
 * A named parameter's place in a template. Really a marker string; typed `never` so it fits a
 * column of any type (number, string, date) where Kysely checks the operand's type.
 */
type Marker = never;

/** A statement compiled once: call it with its named values. */
export interface CompiledStatement<Names extends string, Db, Row> {
  /** Runs on the database it was compiled for, or on `on`: a transaction or a single connection of the same database (the compiled text does not depend on which instance runs it). */
  (values: Record<Names, unknown>, on?: Kysely<Db>): Promise<QueryResult<Row>>;
  /**
   * On the embedded SQLite (embedded-sqlite.ts) only, else null: runs at once, synchronously,
   * for a better-sqlite3 transaction that must not await (append-locked.ts). The caller makes
   * sure no Kysely transaction is open on the connection.
   */
  readonly now: ((values: Record<Names, unknown>) => QueryResult<Row>) | null;
}

export function compiledOnce<Names extends string, Db, Row>(db: Kysely<Db>, build: (param: (name: Names) => Marker) => Compilable<Row>): CompiledStatement<Names, Db, Row> {
  const compiled = build((name) => `${MARK}${name}` as Marker).compile();
  prepareByName(compiled.sql);
  const order = compiled.parameters.map((value) => {
    if (typeof value !== 'string' || !value.startsWith(MARK)) throw new Error(`compiledOnce: a fixed value in a template (${compiled.sql})`);
    return value.slice(MARK.length) as Names;
  });
  const parametersOf = (values: Record<Names, unknown>) => order.map((name) => values[name]);
  // Prepared at first use: a template may be compiled before the migrations ran.
  const sqlite = embeddedSqliteOf(db);
  let prepared: SQLite.Statement | undefined;
  const now = sqlite ? (values: Record<Names, unknown>) => runPrepared<Row>((prepared ??= sqlite.prepare(compiled.sql)), parametersOf(values)) : null;
  const run = (values: Record<Names, unknown>, on: Kysely<Db> = db): Promise<QueryResult<Row>> => {
    // On the embedded SQLite, past Kysely while no transaction is open (embedded-sqlite.ts).
    if (now && on === db && !sqlite!.inTransaction) {
      try {
        return Promise.resolve(now(values));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return on.executeQuery<Row>({ ...compiled, parameters: parametersOf(values) });
  };
  return Object.assign(run, { now });
}

/**
 * compiledOnce for code that receives the database as an argument: the statement is compiled at
 * its first use on each Kysely instance (a transaction is an instance of its own).
 */
export function compiledOncePerDatabase<Names extends string, Db, Row>(
  build: (db: Kysely<Db>, param: (name: Names) => Marker) => Compilable<Row>,
): (db: Kysely<Db>) => CompiledStatement<Names, Db, Row> {
  const byDatabase = new WeakMap<Kysely<Db>, CompiledStatement<Names, Db, Row>>();
  return (db) => {
    let statement = byDatabase.get(db);
    if (!statement) {
      statement = compiledOnce<Names, Db, Row>(db, (param) => build(db, param));
      byDatabase.set(db, statement);
    }
    return statement;
  };
}
