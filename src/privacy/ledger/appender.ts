/**
 * Appends disclosures to the hash chain. Every append runs in one transaction that first takes
 * the chain head (an UPDATE on the single head row: a row lock on PostgreSQL, the write lock on
 * SQLite), so appends from every app instance form one chain. Records that arrive while a batch
 * is being written are gathered into the next batch (group commit): under load one transaction
 * and one lock hold cover many launches instead of one each.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { DisclosureLedgerTable } from '../../db/schema-parts/privacy.js';
import { entryHash } from './chain.js';

/** Bounded so one INSERT stays well below both databases' parameter limits (13 columns each). */
const MAX_BATCH = 400;

/** An entry ready to chain: everything but its position and hashes. */
export type UnchainedEntry = Omit<DisclosureLedgerTable, 'seq' | 'prev_hash' | 'hash'>;

interface Pending {
  entry: UnchainedEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface LedgerAppender {
  append(entry: UnchainedEntry): Promise<void>;
}

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

/** Chains and inserts `entries` in one transaction; returns the new head. */
export async function appendBatch(db: Kysely<Database>, entries: UnchainedEntry[]): Promise<{ seq: number; hash: string }> {
  return inWriteTransaction(db, async (trx) => {
    // A no-op write first: it locks the head (PostgreSQL re-reads the newest version after
    // waiting) and on SQLite takes the write lock before anything is read.
    const head = await trx
      .updateTable('disclosure_ledger_head')
      .set((eb) => ({ seq: eb.ref('seq') }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const rows: DisclosureLedgerTable[] = [];
    for (const entry of entries) {
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
      rows.push({ ...entry, seq, prev_hash: prevHash, hash });
      prevHash = hash;
    }
    await trx.insertInto('disclosure_ledger').values(rows).execute();
    await trx.updateTable('disclosure_ledger_head').set({ seq, hash: prevHash }).where('id', '=', 1).execute();
    return { seq, hash: prevHash };
  });
}

export function createLedgerAppender(db: Kysely<Database>): LedgerAppender {
  const queue: Pending[] = [];
  let running = false;

  async function writeBatch(batch: Pending[]): Promise<void> {
    try {
      await appendBatch(db, batch.map((p) => p.entry));
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // One bad entry must not fail the launches batched with it: retry each on its own.
      for (const p of batch) await writeBatch([p]);
    }
  }

  async function drain(): Promise<void> {
    // Let records made in the same tick (e.g. a Promise.all) join the first batch.
    await Promise.resolve();
    try {
      while (queue.length > 0) await writeBatch(queue.splice(0, MAX_BATCH));
    } finally {
      running = false;
    }
  }

  return {
    append(entry) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        if (!running) {
          running = true;
          void drain();
        }
      });
    },
  };
}
