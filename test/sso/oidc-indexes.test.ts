/**
 * oidc_payloads' partial indexes (migration 016) serve the adapter's lookups: by uid (an
 * interaction or session), by grant id (revoking everything issued under a grant) and by account
 * key ("Overal uitloggen"). The statements are the adapter's own, recorded as it runs them; each
 * plan must name its index on SQLite and on PostgreSQL (there with sequential scans switched
 * off, so a plan that cannot use the partial index shows as a scan).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery, sql, type KyselyPlugin, type RootOperationNode, type QueryId } from 'kysely';
import { createAdapterClass } from '../../src/sso/oidc/adapter.js';
import { embeddedSqliteOf } from '../../src/db/embedded-sqlite.js';
import { openTestDatabase, testDatabases } from '../helpers/databases.js';

const EXPECTED: Array<{ column: string; index: string }> = [
  { column: 'uid', index: 'oidc_payloads_uid_idx' },
  { column: 'grant_id', index: 'oidc_payloads_grant_idx' },
  { column: 'account_key', index: 'oidc_payloads_account_idx' },
];

for (const database of testDatabases()) {
  test(`the adapter's lookups by uid, grant and account use their partial indexes (${database.name})`, async () => {
    const db = await openTestDatabase(database);
    try {
      const k = db.kysely;
      const seen: Array<{ node: RootOperationNode; queryId: QueryId }> = [];
      const recorder: KyselyPlugin = {
        transformQuery: (args) => (seen.push(args), args.node),
        transformResult: async (args) => args.result,
      };
      const Adapter = createAdapterClass(k.withPlugin(recorder), async () => undefined);
      await new Adapter('Interaction').findByUid('uid-that-is-not-there');
      await new Adapter('Grant').revokeByGrantId('grant-that-is-not-there');
      await new Adapter('Session').idsOfAccount('pupil:0');
      const statements = seen.map(({ node, queryId }) => k.getExecutor().compileQuery(node, queryId));
      for (const { column, index } of EXPECTED) {
        const statement = statements.find((s) => new RegExp(`^(select|delete) .* where .*"${column}" = `).test(s.sql));
        assert.ok(statement, `the adapter looked up by ${column}`);
        const values = statement.parameters.map(() => 'x');
        let plan: string;
        if (database.name === 'sqlite') {
          plan = (embeddedSqliteOf(k)!.prepare(`explain query plan ${statement.sql}`).all(values) as Array<{ detail: string }>).map((row) => row.detail).join('\n');
        } else {
          plan = await k.connection().execute(async (connection) => {
            await sql`set enable_seqscan = off`.execute(connection);
            try {
              const { rows } = await connection.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain ${statement.sql}`, values));
              return rows.map((row) => Object.values(row)[0]).join('\n');
            } finally {
              await sql`reset enable_seqscan`.execute(connection);
            }
          });
        }
        assert.match(plan, new RegExp(index), `${statement.sql}\n${plan}`);
      }
    } finally {
      await db.close();
    }
  });
}
