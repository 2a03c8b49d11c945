/**
 * Group commit for the embedded SQLite: writes made during one turn of the event loop are
 * committed together, in one transaction, at the end of that turn (setImmediate). Each caller's
 * promise settles only after the commit that holds its write, so nothing is answered before it
 * is stored. In WAL mode a commit costs as much as a small write itself (the changed pages go to
 * the log once per commit): SSO launches write five payloads and two ledger entries each, and
 * under load many launches reach a write in the same turn. If the shared transaction fails, each
 * write is tried again in a transaction of its own, so one bad write fails only its own caller.
 * Not for PostgreSQL (null there): a round trip per write is what it costs anyway.
 */
import type { Kysely } from 'kysely';
import { embeddedSqliteOf, transactionNow } from './embedded-sqlite.js';

interface Pending {
  write: () => unknown;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/** Queues `write` (synchronous statements, their `now`) for this turn's commit; resolves to its result after that commit. */
export type WriteBatch = <T>(write: () => T) => Promise<T>;

/** One batcher per database, so that all of a turn's writes (payloads, ledger) share one commit. */
const batchers = new WeakMap<object, WriteBatch>();

/** The batcher of `db`'s synchronous writes, or null when `db` is not the embedded SQLite. */
export function writeBatch<Db>(db: Kysely<Db>): WriteBatch | null {
  if (!embeddedSqliteOf(db)) return null;
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = createBatcher(db)));
  return batcher;
}

function createBatcher<Db>(db: Kysely<Db>): WriteBatch {
  let queue: Pending[] = [];

  async function commitAlone(pending: Pending): Promise<void> {
    try {
      pending.resolve(await transactionNow(db, pending.write));
    } catch (error) {
      pending.reject(error);
    }
  }

  async function commit(): Promise<void> {
    const batch = queue;
    queue = [];
    let results: unknown[];
    try {
      results = (await transactionNow(db, () => batch.map((pending) => pending.write())))!;
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const pending of batch) await commitAlone(pending);
      return;
    }
    batch.forEach((pending, i) => pending.resolve(results[i]));
  }

  return <T>(write: () => T) =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(() => void commit());
      queue.push({ write, resolve: resolve as (result: unknown) => void, reject });
    });
}
