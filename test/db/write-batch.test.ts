/**
 * Group commit on the embedded SQLite (db/write-batch.ts): the writes of one event-loop turn are
 * committed in one transaction, each caller hears of its write only after that commit, a write
 * that fails fails only its own caller, a Kysely transaction open on the connection is waited
 * for, and on PostgreSQL there is no batcher.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import Sqlite from 'better-sqlite3';
import { compiledOnce } from '../../src/db/compiled-once.js';
import type { Database } from '../../src/db/index.js';
import { writeBatch } from '../../src/db/write-batch.js';
import { openTestDatabase, postgresSkipReason, testDatabases } from '../helpers/databases.js';

const sqlite = testDatabases().find((d) => d.name === 'sqlite')!;

async function openWithStatements() {
  const db = await openTestDatabase(sqlite);
  const k = db.kysely;
  const put = compiledOnce<'id' | 'payload' | 'none', Database, never>(k, (p) =>
    k.insertInto('oidc_payloads').values({ kind: p('payload'), id: p('id'), payload: p('payload'), uid: p('none'), consumed_at: p('none'), grant_id: p('none'), user_code: p('none'), account_key: p('none'), expires_at: p('none') }),
  );
  // Another connection to the same file sees only what is committed.
  const observer = new Sqlite(sqlite.url.slice('sqlite:'.length), { readonly: true });
  const committed = (id: string) => observer.prepare('select count(*) as n from oidc_payloads where id = ?').get(id) as { n: number };
  return { db, k, put, committed, close: async () => (observer.close(), await db.close()) };
}

test('the writes of one turn share one commit, and each caller hears of its write after it', async () => {
  const { k, put, committed, close } = await openWithStatements();
  try {
    const batch = writeBatch(k)!;
    assert.equal(writeBatch(k), batch, 'one batcher per database, shared by everything that writes to it');
    const prefix = randomBytes(6).toString('hex');
    const seenBySecond: number[] = [];
    const first = batch(() => put.now!({ id: `${prefix}-1`, payload: 'Batch', none: null }));
    const second = batch(() => {
      // Inside the shared transaction: the first write is made but not yet committed.
      seenBySecond.push(committed(`${prefix}-1`).n);
      put.now!({ id: `${prefix}-2`, payload: 'Batch', none: null });
      return 'second';
    });
    assert.equal(committed(`${prefix}-1`).n, 0, 'nothing is written before the end of the turn');
    assert.equal(await second, 'second', "a write's promise brings its result");
    await first;
    assert.deepEqual(seenBySecond, [0], 'both writes ran in one transaction');
    assert.equal(committed(`${prefix}-1`).n + committed(`${prefix}-2`).n, 2, 'both committed by the time their callers hear of it');
  } finally {
    await close();
  }
});

test('a write that fails fails only its own caller; the others of its turn are committed', async () => {
  const { k, put, committed, close } = await openWithStatements();
  try {
    const batch = writeBatch(k)!;
    const prefix = randomBytes(6).toString('hex');
    await batch(() => put.now!({ id: `${prefix}-taken`, payload: 'Batch', none: null }));
    const results = await Promise.allSettled([
      batch(() => put.now!({ id: `${prefix}-a`, payload: 'Batch', none: null })),
      // The same key again: the primary key refuses it.
      batch(() => put.now!({ id: `${prefix}-taken`, payload: 'Batch', none: null })),
      batch(() => put.now!({ id: `${prefix}-b`, payload: 'Batch', none: null })),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.match(String((results[1] as PromiseRejectedResult).reason), /UNIQUE constraint failed/);
    assert.equal(committed(`${prefix}-a`).n + committed(`${prefix}-b`).n, 2);
    assert.equal(committed(`${prefix}-taken`).n, 1);
  } finally {
    await close();
  }
});

test('a turn that meets an open Kysely transaction commits after it, not inside it', async () => {
  const { k, put, committed, close } = await openWithStatements();
  try {
    const batch = writeBatch(k)!;
    const prefix = randomBytes(6).toString('hex');
    let batched: Promise<void> | null = null;
    await assert.rejects(
      k.transaction().execute(async (trx) => {
        await trx.insertInto('oidc_payloads').values({ kind: 'Batch', id: `${prefix}-in-trx`, payload: '{}' }).execute();
        batched = batch(() => void put.now!({ id: `${prefix}-batched`, payload: 'Batch', none: null }));
        await new Promise((resolve) => setTimeout(resolve, 20)); // the batch's turn ends meanwhile
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    await batched;
    assert.equal(committed(`${prefix}-in-trx`).n, 0, "the transaction's own write is gone");
    assert.equal(committed(`${prefix}-batched`).n, 1, 'the batched write did not go down with it');
  } finally {
    await close();
  }
});

test('on PostgreSQL there is no batcher: a write costs its round trip anyway', { skip: postgresSkipReason ?? false }, async () => {
  const db = await openTestDatabase(testDatabases().find((d) => d.name === 'postgres')!);
  try {
    assert.equal(writeBatch(db.kysely), null);
  } finally {
    await db.close();
  }
});
