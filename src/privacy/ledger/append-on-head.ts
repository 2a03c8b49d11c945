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
import type { DisclosureLedgerTable } from '../../db/schema-parts/privacy.js';
import { appendBatch, chainAfter, type ChainHead, type UnchainedEntry } from './append-locked.js';

/** Misses in a row before a batch waits for the lock instead (each miss costs two round trips). */
const ATTEMPTS = 3;

/** The NOT NULL on a position: the head had moved on (see the header), nothing was written. */
function headMoved(error: unknown): boolean {
  const e = error as { code?: string; table?: string; column?: string } | null;
  return e?.code === '23502' && e.table === 'disclosure_ledger' && e.column === 'seq';
}

export function appendOnKnownHead(db: Kysely<Database>): (entries: UnchainedEntry[]) => Promise<ChainHead> {
  let known: ChainHead | null = null;
  const readHead = compiledOnce<'id', Database, ChainHead>(db, (p) => db.selectFrom('disclosure_ledger_head').select(['seq', 'hash']).where('id', '=', p('id')));

  /**
   * The statement of the whole batch: the head moved from `head` to the batch's last entry, the
   * entries inserted with their positions taken from the moved head.
   */
  function batchStatement(head: ChainHead, rows: DisclosureLedgerTable[]) {
    const last = rows[rows.length - 1];
    return db
      .with('moved', (qb) =>
        qb
          .updateTable('disclosure_ledger_head')
          .set({ seq: last.seq, hash: last.hash })
          .where('id', '=', 1)
          .where('seq', '=', head.seq)
          .where('hash', '=', head.hash)
          .returning('seq'),
      )
      .insertInto('disclosure_ledger')
      .values(rows.map((row) => ({ ...row, seq: sql<number>`(select seq from moved) - ${last.seq - row.seq}` })))
      .execute();
  }

  // Most batches hold one entry (1.2 on average in the 8:30 rush): that statement is compiled
  // once, so also prepared, and only larger batches are built per call.
  const appendOne = compiledOnce<Exclude<keyof DisclosureLedgerTable, 'seq'> | 'headSeq' | 'headHash', Database, never>(db, (p) =>
    db
      .with('moved', (qb) =>
        qb
          .updateTable('disclosure_ledger_head')
          .set({ seq: sql<number>`seq + 1`, hash: p('hash') })
          .where('id', '=', sql.lit(1))
          .where('seq', '=', p('headSeq'))
          .where('hash', '=', p('headHash'))
          .returning('seq'),
      )
      .insertInto('disclosure_ledger')
      .values({
        seq: sql<number>`(select seq from moved)`,
        at: p('at'),
        school_id: p('school_id'),
        board_id: p('board_id'),
        publisher_id: p('publisher_id'),
        subject_kind: p('subject_kind'),
        subject_id: p('subject_id'),
        attributes: p('attributes'),
        channel: p('channel'),
        recipient: p('recipient'),
        agreement_id: p('agreement_id'),
        prev_hash: p('prev_hash'),
        hash: p('hash'),
      }),
  );

  /** The new head when the entries were appended after `head`; null when the head had moved on. */
  async function appendAfter(head: ChainHead, entries: UnchainedEntry[]): Promise<ChainHead | null> {
    const rows = chainAfter(head, entries);
    const last = rows[rows.length - 1];
    try {
      if (rows.length === 1) await appendOne({ ...last, headSeq: head.seq, headHash: head.hash });
      else await batchStatement(head, rows);
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
    known = await appendBatch(db, entries);
    return known;
  };
}
