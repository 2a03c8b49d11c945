/**
 * compiledOnce: a query compiled once runs with each call's own values, in the right places,
 * on SQLite and PostgreSQL; a template with a fixed value is refused when it is built; the
 * per-database variant compiles once per Kysely instance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { compiledOnce, compiledOncePerDatabase } from '../../src/db/compiled-once.js';
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
