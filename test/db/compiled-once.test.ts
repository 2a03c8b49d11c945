/**
 * compiledOnce: a query compiled once runs with each call's own values, in the right places,
 * on SQLite and PostgreSQL; a template with a fixed value is refused when it is built; the
 * per-database variant compiles once per Kysely instance; on PostgreSQL it is prepared by name;
 * on the embedded SQLite it runs past Kysely, safely around open transactions (ADR 0019).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { compiledOnce, compiledOncePerDatabase } from '../../src/db/compiled-once.js';
import { transactionNow } from '../../src/db/embedded-sqlite.js';
import type { Database } from '../../src/db/index.js';
import { openTestDatabase, testDatabases } from '../helpers/databases.js';

type Names = 'kind' | 'id' | 'payload' | 'uid' | 'none';

for (const database of testDatabases()) {
  test(`compiledOnce puts each named value in its place (${database.name})`, async () => {
    const db = await openTestDatabase(database);
    try {
      const k = db.kysely;
      // Parameters named in another order than the columns use them.
      const put = compiledOnce<Names, Database, never>(k, (p) =>
        k.insertInto('oidc_payloads').values({ uid: p('uid'), payload: p('payload'), id: p('id'), kind: p('kind'), consumed_at: p('none'), grant_id: p('none'), user_code: p('none'), account_key: p('none'), expires_at: p('none') }),
      );
      const byUid = compiledOnce<'uid' | 'kind', Database, { id: string; payload: string }>(k, (p) =>
        k.selectFrom('oidc_payloads').select(['id', 'payload']).where('uid', '=', p('uid')).where('kind', '=', p('kind')),
      );
      const prefix = randomBytes(6).toString('hex');
      for (let i = 0; i < 3; i++) await put({ kind: 'Test', id: `${prefix}-${i}`, payload: `{"n":${i}}`, uid: `${prefix}-uid-${i}`, none: null });
      for (let i = 0; i < 3; i++) {
        const { rows } = await byUid({ uid: `${prefix}-uid-${i}`, kind: 'Test' });
        assert.deepEqual(rows, [{ id: `${prefix}-${i}`, payload: `{"n":${i}}` }]);
      }
      assert.deepEqual((await byUid({ uid: `${prefix}-uid-1`, kind: 'Other' })).rows, [], 'the kind parameter counts too');
      assert.throws(() => compiledOnce<'uid', Database, never>(k, (p) => k.selectFrom('oidc_payloads').select('id').where('uid', '=', p('uid')).where('kind', '=', 'Fixed')), /fixed value/);
      // Per database: compiled at the first use on an instance, then the same statement again.
      const payloadOf = compiledOncePerDatabase<'id', Database, { payload: string }>((d, p) => d.selectFrom('oidc_payloads').select('payload').where('id', '=', p('id')));
      assert.equal(payloadOf(k), payloadOf(k));
      assert.deepEqual((await payloadOf(k)({ id: `${prefix}-2` })).rows, [{ payload: '{"n":2}' }]);
      await k.deleteFrom('oidc_payloads').where('kind', '=', 'Test').where('id', 'like', `${prefix}-%`).execute();
    } finally {
      await db.close();
    }
  });
}

const sqlite = testDatabases().find((d) => d.name === 'sqlite')!;

test('on the embedded SQLite a compiled statement runs past Kysely with the same results, and waits while a transaction is open', async () => {
  const db = await openTestDatabase(sqlite);
  try {
    const k = db.kysely;
    // An instance with a plugin is not the one openDatabase registered: it always goes through Kysely.
    const viaKysely = k.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => args.result });
    const statements = (d: typeof k) => ({
      put: compiledOnce<Names, Database, never>(d, (p) =>
        d.insertInto('oidc_payloads').values({ kind: p('kind'), id: p('id'), payload: p('payload'), uid: p('uid'), consumed_at: p('none'), grant_id: p('none'), user_code: p('none'), account_key: p('none'), expires_at: p('none') }),
      ),
      touch: compiledOnce<'payload' | 'kind', Database, never>(d, (p) => d.updateTable('oidc_payloads').set({ payload: p('payload') }).where('kind', '=', p('kind'))),
      list: compiledOnce<'kind', Database, { id: string; payload: string }>(d, (p) => d.selectFrom('oidc_payloads').select(['id', 'payload']).where('kind', '=', p('kind')).orderBy('id')),
    });
    const direct = statements(k);
    const kysely = statements(viaKysely);
    assert.ok(direct.put.now, 'the registered instance runs directly');
    assert.equal(kysely.put.now, null, 'any other instance does not');
    const prefix = randomBytes(6).toString('hex');
    const row = (id: string) => ({ kind: 'Direct', id: `${prefix}-${id}`, payload: '1', uid: null, none: null });
    const a = await direct.put(row('a'));
    const b = await kysely.put(row('b'));
    assert.deepEqual({ ...a, insertId: typeof a.insertId }, { ...b, insertId: typeof b.insertId });
    assert.deepEqual(await direct.touch({ payload: '2', kind: 'Direct' }), await kysely.touch({ payload: '2', kind: 'Direct' }));
    assert.deepEqual(await direct.list({ kind: 'Direct' }), await kysely.list({ kind: 'Direct' }));
    await assert.rejects(direct.put(row('a')), /UNIQUE/, 'a failing statement rejects, it does not throw');

    // While a Kysely transaction is open, a statement on the database waits for it and is not rolled back with it.
    let late: Promise<unknown> | undefined;
    await assert.rejects(
      k.transaction().execute(async (trx) => {
        await trx.insertInto('oidc_payloads').values({ kind: 'Direct', id: `${prefix}-in-transaction`, payload: '1', uid: null, consumed_at: null, grant_id: null, user_code: null, account_key: null, expires_at: null }).execute();
        late = direct.put(row('outside'));
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('rolled back on purpose');
      }),
      /on purpose/,
    );
    await late;
    const ids = (await direct.list({ kind: 'Direct' })).rows.map((row) => row.id);
    assert.deepEqual(ids, [`${prefix}-a`, `${prefix}-b`, `${prefix}-outside`]);
    await k.deleteFrom('oidc_payloads').where('kind', '=', 'Direct').execute();
  } finally {
    await db.close();
  }
});

test('transactionNow: on the embedded SQLite all or nothing, after any open transaction; elsewhere null', async () => {
  const db = await openTestDatabase(sqlite);
  try {
    const k = db.kysely;
    assert.equal(transactionNow(k.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => args.result }), () => 1), null);
    const put = compiledOnce<'id', Database, never>(k, (p) =>
      k.insertInto('oidc_payloads').values({ kind: p('id'), id: p('id'), payload: p('id'), uid: p('id'), consumed_at: p('id'), grant_id: p('id'), user_code: p('id'), account_key: p('id'), expires_at: p('id') }),
    );
    const count = async () => Number((await k.selectFrom('oidc_payloads').select((eb) => eb.fn.countAll().as('n')).where('kind', 'like', 'tx-%').executeTakeFirstOrThrow()).n);
    await assert.rejects(
      transactionNow(k, () => {
        put.now!({ id: 'tx-1' });
        throw new Error('halfway');
      })!,
      /halfway/,
    );
    assert.equal(await count(), 0, 'the first insert rolled back with the failure');
    let late: Promise<unknown> | null = null;
    await assert.rejects(
      k.transaction().execute(async (trx) => {
        await trx.deleteFrom('oidc_payloads').where('kind', 'like', 'tx-%').execute();
        late = transactionNow(k, () => put.now!({ id: 'tx-2' }));
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('rolled back on purpose');
      }),
      /on purpose/,
    );
    await late;
    assert.equal(await count(), 1, 'run after the other transaction, not inside it');
    await k.deleteFrom('oidc_payloads').where('kind', 'like', 'tx-%').execute();
  } finally {
    await db.close();
  }
});

const postgres = testDatabases().find((d) => d.name === 'postgres');
test('on PostgreSQL a statement compiled once is prepared by name on its connection; one built per call is not', { skip: postgres ? false : 'LEERPOORT_TEST_PG is not set' }, async () => {
  const db = await openTestDatabase(postgres!);
  try {
    await db.kysely.connection().execute(async (connection) => {
      const prepared = async () => (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(connection)).rows;
      const kindOf = compiledOnce<'id', Database, { kind: string }>(connection, (p) => connection.selectFrom('oidc_payloads').select('kind').where('id', '=', p('id')));
      const id = randomBytes(6).toString('hex');
      await connection.insertInto('oidc_payloads').values({ kind: 'Test', id, payload: '{}', uid: null, consumed_at: null, grant_id: null, user_code: null, account_key: null, expires_at: null }).execute();
      assert.deepEqual((await kindOf({ id })).rows, [{ kind: 'Test' }]);
      assert.deepEqual((await kindOf({ id })).rows, [{ kind: 'Test' }], 'the second run uses the prepared statement with its own value');
      assert.deepEqual((await kindOf({ id: 'none' })).rows, []);
      const named = (await prepared()).filter((row) => row.statement.includes('"oidc_payloads"'));
      assert.equal(named.length, 1, 'prepared once on this connection');
      assert.match(named[0].name, /^leerpoort_\d+$/);
      await connection.selectFrom('oidc_payloads').select('id').where('uid', '=', id).execute();
      assert.equal((await prepared()).filter((row) => row.statement.includes('"uid"')).length, 0, 'a statement built per call stays unnamed');
      await connection.deleteFrom('oidc_payloads').where('id', '=', id).execute();
    });
  } finally {
    await db.close();
  }
});
