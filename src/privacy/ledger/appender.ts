/**
 * Appends disclosures to the hash chain, one batch at a time per process. Records that arrive
 * while a batch is being written are gathered into the next batch (group commit): under load one
 * commit covers many launches instead of one each. How a batch is written so that appends from
 * every app instance form one chain: append-locked.ts (a transaction that locks the head first)
 * and, on PostgreSQL, append-on-head.ts (one statement while this process knows the head).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { isSqlite, lockedAppender, type UnchainedEntry } from './append-locked.js';
import { appendOnKnownHead } from './append-on-head.js';

/** Bounded so one INSERT stays well below both databases' parameter limits (13 columns each). */
const MAX_BATCH = 400;

interface Pending {
  entry: UnchainedEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface LedgerAppender {
  append(entry: UnchainedEntry): Promise<void>;
}

export function createLedgerAppender(db: Kysely<Database>): LedgerAppender {
  const queue: Pending[] = [];
  let running = false;
  // PostgreSQL: one statement per batch while this process's view of the head is current (see
  // append-on-head.ts). SQLite runs in this process, so the locked transaction's statements cost no round trips.
  const append = isSqlite(db) ? lockedAppender(db) : appendOnKnownHead(db);

  async function writeBatch(batch: Pending[]): Promise<void> {
    try {
      await append(batch.map((p) => p.entry));
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
