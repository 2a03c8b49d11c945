/**
 * The ledger's safe way to append: one transaction that locks the chain head before it reads
 * it, so appends from every app instance form one chain whatever else is running. SQLite always
 * appends this way; PostgreSQL falls back to it when its one-statement append (append-on-head.ts)
 * keeps meeting a head that moved.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DisclosureLedgerTable } from '../../db/schema-parts/privacy.js';
import { entryHash } from './chain.js';

/** An entry ready to chain: everything but its position and hashes. */
export type UnchainedEntry = Omit<DisclosureLedgerTable, 'seq' | 'prev_hash' | 'hash'>;

/**
 * A transaction that holds the write lock from its first statement. SQLite's default (deferred)
 * transaction can fail at once with SQLITE_BUSY when another process writes between its read and
 * its write; BEGIN IMMEDIATE waits for the lock (busy_timeout) instead. PostgreSQL's row lock on
 * the head does the same there.
 */
async function inWriteTransaction<T>(db: Kysely<Database>, run: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return db.transaction().execute(run);
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await run(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

/** The chain's last position and hash, as the head row holds them. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** `entries` chained after `head`: their positions and hashes, in order. */
export function chainAfter(head: ChainHead, entries: UnchainedEntry[]): DisclosureLedgerTable[] {
  let seq = Number(head.seq);
  let prevHash = head.hash;
  return entries.map((entry) => {
    seq += 1;
    const hash = entryHash(
      {
        seq,
        at: entry.at,
        schoolId: entry.school_id,
        boardId: entry.board_id,
        publisherId: entry.publisher_id,
        subjectKind: entry.subject_kind,
        subjectId: entry.subject_id,
        attributes: entry.attributes,
        channel: entry.channel,
        recipient: entry.recipient,
        agreementId: entry.agreement_id,
      },
      prevHash,
    );
    const row = { ...entry, seq, prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
}

/** Chains and inserts `entries` in one transaction that locks the head first; returns the new head. */
export async function appendBatch(db: Kysely<Database>, entries: UnchainedEntry[]): Promise<ChainHead> {
  return inWriteTransaction(db, async (trx) => {
    // A no-op write first: it locks the head (PostgreSQL re-reads the newest version after
    // waiting) and on SQLite takes the write lock before anything is read.
    const head = await trx
      .updateTable('disclosure_ledger_head')
      .set((eb) => ({ seq: eb.ref('seq') }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    const rows = chainAfter(head, entries);
    const last = rows[rows.length - 1];
    await trx.insertInto('disclosure_ledger').values(rows).execute();
    await trx.updateTable('disclosure_ledger_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute();
    return { seq: last.seq, hash: last.hash };
  });
}
