/**
 * The one place where the two dialects' schemas differ: how an id column is made and what type
 * a reference to it has. Every migration builds its tables through these.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

// Kysely's builders are typed per table name; migrations work on the untyped schema.
export type AnyDb = Kysely<any>;

/** The column type of a reference to an id column. */
export function idRef(dialect: DialectName): 'bigint' | 'integer' {
  return dialect === 'postgres' ? 'bigint' : 'integer';
}

/** `CREATE TABLE name` with a generated 64-bit `id` primary key. */
export function createTableWithId(db: AnyDb, name: string, dialect: DialectName) {
  const table = db.schema.createTable(name);
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
