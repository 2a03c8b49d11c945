/**
 * PostgreSQL: a batch appended in one statement (one round trip) instead of the locked
 * transaction's five (begin, lock the head, insert, move the head, commit). Counted in the 8:30
 * rush, that way the ledger made two thirds of a worker's PostgreSQL round trips (ADR 0016).
 *
 * The process remembers the head its last append left (or that it read). The entries are chained
 * after that head in this process, and one statement moves the head from exactly that position
 * and hash to the new one and inserts the entries, each entry's position taken from the moved
 * head. If another instance appended meanwhile, the head no longer matches: the update changes
 * no row (after waiting for the other's lock, PostgreSQL re-checks the condition against the
 * committed row), the positions come out NULL, and the NOT NULL on `seq` fails the whole
 * statement, so nothing is written. Then the head is read again and the batch chained anew; after
 * a few such misses in a row the batch takes the locked transaction, which always gets its turn.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { compiledOnce } from '../../db/compiled-once.js';
import { chainAfter, lockedAppender, type ChainHead, type UnchainedEntry } from './append-locked.js';
import { ENTRY_COLUMNS as COLUMNS, ENTRY_COLUMN_TYPES as COLUMN_TYPES } from './columns.js';


/** Misses in a row before a batch waits for the lock instead (each miss costs two round trips). */
const ATTEMPTS = 3;

/** The NOT NULL on a position: the head had moved on (see the header), nothing was written. */
function headMoved(error: unknown): boolean {
  const e = error as { code?: string; table?: string; column?: string } | null;
  return e?.code === '23502' && e.table === 'disclosure_ledger' && e.column === 'seq';
}

export function appendOnKnownHead(db: Kysely<Database>): (entries: UnchainedEntry[]) => Promise<ChainHead> {
  let known: ChainHead | null = null;
  const appendLocked = lockedAppender(db);
  const readHead = compiledOnce<'id', Database, ChainHead>(db, (p) => db.selectFrom('disclosure_ledger_head').select(['seq', 'hash']).where('id', '=', p('id')));

  /**
   * The whole batch in one statement of fixed text, whatever its size, so it is compiled once and
   * prepared (ADR 0017): the entries come as one array per column, unnested in order. The head
   * moves from `headSeq`/`headHash` to the last entry; entry n (from 1) gets the moved head's
   * position less `count` plus n, which is NULL when the head did not move.
   */
  const appendBatchStatement = compiledOnce<'headSeq' | 'headHash' | 'lastSeq' | 'lastHash' | 'count' | (typeof COLUMNS)[number], Database, never>(db, (p) => ({
    compile: () =>
      sql`with moved as (
        update disclosure_ledger_head set seq = ${p('lastSeq')}, hash = ${p('lastHash')}
        where id = 1 and seq = ${p('headSeq')} and hash = ${p('headHash')}
        returning seq
      )
      insert into disclosure_ledger (seq, ${sql.join(COLUMNS.map((c) => sql.ref(c)))})
      select (select seq from moved) - ${p('count')}::bigint + e.n, ${sql.join(COLUMNS.map((c) => sql.ref(`e.${c}`)))}
      from unnest(${sql.join(COLUMNS.map((c) => sql`${p(c)}::${sql.raw(COLUMN_TYPES[c])}[]`))}) with ordinality as e(${sql.join(COLUMNS.map((c) => sql.ref(c)))}, n)`.compile(db),
  }));

  /** The new head when the entries were appended after `head`; null when the head had moved on. */
  async function appendAfter(head: ChainHead, entries: UnchainedEntry[]): Promise<ChainHead | null> {
    const rows = chainAfter(head, entries);
    const last = rows[rows.length - 1];
    const columns = Object.fromEntries(COLUMNS.map((c) => [c, rows.map((row) => row[c])])) as Record<(typeof COLUMNS)[number], unknown[]>;
    try {
      await appendBatchStatement({ headSeq: head.seq, headHash: head.hash, lastSeq: last.seq, lastHash: last.hash, count: rows.length, ...columns });
      return { seq: last.seq, hash: last.hash };
    } catch (error) {
      if (headMoved(error)) return null;
      throw error;
    }
  }

  return async (entries) => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const head = known ?? (await readHead({ id: 1 })).rows[0];
      known = await appendAfter({ seq: Number(head.seq), hash: head.hash }, entries);
      if (known) return known;
    }
    known = await appendLocked(entries);
    return known;
  };
}
