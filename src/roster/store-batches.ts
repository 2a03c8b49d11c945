/**
 * Statements over many rows. On SQLite, multi-row INSERTs go in batches of sizes from a fixed set (512,
 * then powers of two for the rest: 250 rows are 128 + 64 + 32 + 16 + 8 + 2), so the same few
 * SQL texts recur whatever the size of a school. Each text is compiled by Kysely once and then
 * run with new parameters, and SQLite keeps it prepared (src/db/database.ts). Building,
 * compiling and preparing a 250-row INSERT anew for every file cost more than executing it.
 */
import { PostgresAdapter, sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** SQLite allows 32,766 bound parameters, PostgreSQL 65,535; one rule for both. */
const MAX_PARAMETERS = 30_000;
const LARGEST_BATCH = 512;
/** Larger statements gain nothing measurable and cost memory while compiling. */
const MAX_ROWS = 1_000;

/** `items` in chunks for statements with `columns` parameters per item (e.g. `id in (…)` lists). */
export function chunked<T>(items: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Batch sizes for `count` rows: as many large batches as fit, then the rest in descending powers of two. */
export function batchSizes(count: number, columns: number): number[] {
  let largest = LARGEST_BATCH;
  while (largest > 1 && largest * columns > MAX_PARAMETERS) largest /= 2;
  const sizes: number[] = [];
  let left = count;
  for (; left >= largest; left -= largest) sizes.push(largest);
  for (let size = largest / 2; size >= 1; size /= 2) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

type Table = keyof Database;
type Row = Record<string, unknown>;

/** Compiled INSERTs per dialect adapter (the SQL differs per dialect), by table, columns, rows and RETURNING. */
const templates = new WeakMap<object, Map<string, CompiledQuery<Row>>>();

function template(db: Kysely<Database>, table: Table, columns: readonly string[], rows: number, returning: readonly string[]): CompiledQuery<Row> {
  const adapter = db.getExecutor().adapter;
  let known = templates.get(adapter);
  if (known === undefined) templates.set(adapter, (known = new Map()));
  const key = `${table}(${columns.join(',')})×${rows}→${returning.join(',')}`;
  let compiled = known.get(key);
  if (compiled === undefined) {
    // The table and columns are chosen at run time here; the rows' types are checked by the callers.
    const untyped = db as unknown as Kysely<Record<string, Row>>;
    const placeholder = Object.fromEntries(columns.map((column) => [column, null]));
    const insert = untyped.insertInto(table).values(Array.from({ length: rows }, () => placeholder));
    compiled = (returning.length > 0 ? insert.returning(returning as string[]) : insert).compile() as CompiledQuery<Row>;
    known.set(key, compiled);
  }
  return compiled;
}

/**
 * Inserts `rows` (all with the same columns, in the same order: built by one function) and
 * answers the `returning` columns of every row inserted.
 */
export async function insertInBatches(db: Kysely<Database>, table: Table, rows: readonly Row[], returning: readonly string[] = []): Promise<Row[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  if (db.getExecutor().adapter instanceof PostgresAdapter) return insertAsJson(db, table, columns, rows, returning);
  const inserted: Row[] = [];
  let next = 0;
  for (const size of batchSizes(rows.length, columns.length)) {
    const parameters: unknown[] = new Array(size * columns.length);
    let p = 0;
    for (let r = next; r < next + size; r++) {
      const row = rows[r];
      for (const column of columns) {
        const value = row[column];
        if (value === undefined) throw new Error(`insertInBatches: row ${r} for ${table} has no ${column}`);
        parameters[p++] = value;
      }
    }
    const result = await db.executeQuery<Row>({ ...template(db, table, columns, size, returning), parameters });
    for (const row of result.rows) inserted.push(row);
    next += size;
  }
  return inserted;
}

/**
 * PostgreSQL: all rows as one JSON parameter, typed by the table's own row type. Parsing and
 * planning a VALUES list of thousands of parameters cost more than inserting the rows; one
 * small statement per table does not, whatever the school's size.
 */
async function insertAsJson(db: Kysely<Database>, table: Table, columns: readonly string[], rows: readonly Row[], returning: readonly string[]): Promise<Row[]> {
  const list = sql.join(columns.map((column) => sql.ref(column)));
  const result = await sql<Row>`insert into ${sql.table(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)${
    returning.length > 0 ? sql` returning ${sql.join(returning.map((column) => sql.ref(column)))}` : sql``
  }`.execute(db);
  return result.rows;
}
