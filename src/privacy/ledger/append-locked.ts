/**
 * The ledger's safe way to append: one transaction that locks the chain head before it reads
 * it, so appends from every app instance form one chain whatever else is running. SQLite always
 * appends this way; PostgreSQL falls back to it when its one-statement append (append-on-head.ts)
 * keeps meeting a head that moved. Its statements are compiled once: on SQLite every SSO release
 * comes through here, and building them per batch was most of the ledger's own CPU. On the
 * embedded SQLite the transaction is synchronous (ADR 0019).
 */
import { CompiledQuery, SqliteAdapter, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { compiledOnce } from '../../db/compiled-once.js';
import { writeBatch } from '../../db/write-batch.js';
import type { DisclosureLedgerTable } from '../../db/schema-parts/privacy.js';
import { entryHash } from './chain.js';
import { ENTRY_COLUMNS } from './columns.js';

/** An entry ready to chain: everything but its position and hashes. */
export type UnchainedEntry = Omit<DisclosureLedgerTable, 'seq' | 'prev_hash' | 'hash'>;

const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

/**
 * A transaction that holds the write lock from its first statement. SQLite's default (deferred)
 * transaction can fail at once with SQLITE_BUSY when another process writes between its read and
 * its write; BEGIN IMMEDIATE waits for the lock (busy_timeout) instead. PostgreSQL's row lock on
 * the head does the same there.
 */
async function inWriteTransaction<T>(db: Kysely<Database>, run: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (!isSqlite(db)) return db.transaction().execute(run);
  return db.connection().execute(async (connection) => {
    await connection.executeQuery(BEGIN_IMMEDIATE);
    try {
      const result = await run(connection);
      await connection.executeQuery(COMMIT);
      return result;
    } catch (error) {
      await connection.executeQuery(ROLLBACK);
      throw error;
    }
  });
}

/** Whether `db` is the embedded SQLite (its appends take this file's locked transaction). */
export const isSqlite = (db: Kysely<Database>) => db.getExecutor().adapter instanceof SqliteAdapter;

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

/** Every column of a ledger row, its position first. */
const COLUMNS: Array<keyof DisclosureLedgerTable> = ['seq', ...ENTRY_COLUMNS];

/** The new head after `rows` (a batch is never empty). */
function headAfter(rows: DisclosureLedgerTable[]): ChainHead {
  const last = rows[rows.length - 1];
  return { seq: last.seq, hash: last.hash };
}

/** The head row that `lockHead` returned. */
function headRow(rows: ChainHead[]): ChainHead {
  if (!rows[0]) throw new Error('disclosure_ledger_head has no row 1 (migration 010 creates it)');
  return rows[0];
}

/** Chains and inserts a batch in one transaction that locks the head first; resolves to the new head. */
export function lockedAppender(db: Kysely<Database>): (entries: UnchainedEntry[]) => Promise<ChainHead> {
  // A no-op write first: it locks the head (PostgreSQL re-reads the newest version after
  // waiting) and on SQLite takes the write lock before anything is read.
  const lockHead = compiledOnce<'id', Database, ChainHead>(db, (p) =>
    db
      .updateTable('disclosure_ledger_head')
      .set((eb) => ({ seq: eb.ref('seq') }))
      .where('id', '=', p('id'))
      .returning(['seq', 'hash']),
  );
  const moveHead = compiledOnce<'id' | 'seq' | 'hash', Database, never>(db, (p) => db.updateTable('disclosure_ledger_head').set({ seq: p('seq'), hash: p('hash') }).where('id', '=', p('id')));
  const insertOne = compiledOnce<keyof DisclosureLedgerTable, Database, never>(db, (p) =>
    db.insertInto('disclosure_ledger').values(Object.fromEntries(COLUMNS.map((column) => [column, p(column)])) as Record<keyof DisclosureLedgerTable, never>),
  );
  // SQLite runs in this process: one prepared one-row insert per entry costs no round trip. On
  // PostgreSQL (a rare fallback) the batch stays one multi-row insert, one round trip.
  const insertRows = isSqlite(db)
    ? async (trx: Kysely<Database>, rows: DisclosureLedgerTable[]) => {
        for (const row of rows) await insertOne(row, trx);
      }
    : async (trx: Kysely<Database>, rows: DisclosureLedgerTable[]) => void (await trx.insertInto('disclosure_ledger').values(rows).execute());

  const batch = writeBatch(db);
  return (entries) =>
    // On the embedded SQLite, synchronous statements in this turn's shared commit
    // (db/write-batch.ts): none of Kysely's steps per statement, and nothing else in the
    // process runs in between.
    batch?.(() => {
      const rows = chainAfter(headRow(lockHead.now!({ id: 1 }).rows), entries);
      for (const row of rows) insertOne.now!(row);
      moveHead.now!({ id: 1, ...headAfter(rows) });
      return headAfter(rows);
    }) ??
    inWriteTransaction(db, async (trx) => {
      const rows = chainAfter(headRow((await lockHead({ id: 1 }, trx)).rows), entries);
      await insertRows(trx, rows);
      await moveHead({ id: 1, ...headAfter(rows) }, trx);
      return headAfter(rows);
    });
}
