/**
 * Named prepared statements on PostgreSQL for the statements the application runs most: those
 * compiled once (compiled-once.ts). Kysely sends every query unnamed, so PostgreSQL parses and
 * plans it at every execution; for the privacy gate (a five-table join that every SSO request
 * runs) that was 290 µs of PostgreSQL CPU against 67 µs prepared (ADR 0017). A named statement is parsed
 * once per connection and, after a few executions, planned once.
 *
 * Only registered statements get a name, so the set stays as small as the list of compiled-once
 * templates in the code: statements built per call (variable IN lists and the like) would
 * otherwise pile up prepared plans in every backend. The SQLite side needs nothing of this: its
 * statement cache (database.ts) already prepares by SQL text.
 */
import type pg from 'pg';

const names = new Map<string, string>();

/** Marks a fixed SQL text as one to prepare by name on every PostgreSQL connection that runs it. */
export function prepareByName(sql: string): void {
  if (!names.has(sql)) names.set(sql, `leerpoort_${names.size + 1}`);
}

/** Makes a pool client send registered SQL texts as named statements (Kysely calls `query(text, values)`). */
export function sendRegisteredAsNamed(client: pg.PoolClient): void {
  const unnamed = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length === 2 && Array.isArray(values) ? names.get(text) : undefined;
    return name === undefined ? unnamed(...args) : unnamed({ name, text, values });
  }) as typeof client.query;
}
