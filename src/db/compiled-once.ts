/**
 * Queries built and compiled once, run many times with new values (Kysely's "split build,
 * compile and execute" recipe). Building and compiling a small query through Kysely costs about
 * as much as SQLite takes to run it; on the few statements every SSO launch runs a dozen times
 * that is worth saving. The template is built with a marker value per named parameter; the
 * compiled query's parameters are then mapped back to those names, so the order Kysely put them
 * in never has to be guessed.
 */
import type { Compilable, Kysely, QueryResult } from 'kysely';

const MARK = '\u0000leerpoort-param:';

export function compiledOnce<Names extends string, Db, Row>(
  db: Kysely<Db>,
  build: (param: (name: Names) => string) => Compilable<Row>,
): (values: Record<Names, unknown>) => Promise<QueryResult<Row>> {
  const compiled = build((name) => `${MARK}${name}`).compile();
  const order = compiled.parameters.map((value) => {
    if (typeof value !== 'string' || !value.startsWith(MARK)) throw new Error(`compiledOnce: a fixed value in a template (${compiled.sql})`);
    return value.slice(MARK.length) as Names;
  });
  return (values) => db.executeQuery<Row>({ ...compiled, parameters: order.map((name) => values[name]) });
}
