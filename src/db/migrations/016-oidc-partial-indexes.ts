/**
 * oidc_payloads' secondary indexes cover only the rows that carry their column: a grant id is on
 * grantable models only, a uid on sessions and interactions, an account key on sessions and grants
 * (sso/oidc/adapter.ts, account-index.ts). Each index an insert does not enter is a B-tree page
 * the launch does not write: on the embedded SQLite, where every commit appends its dirty pages to
 * the WAL, that made the launch's payload writes about 15 % cheaper (docs/performance.md, tenth
 * round). Every lookup through these indexes compares the column with `=`, which implies
 * IS NOT NULL, so both SQLite and PostgreSQL still use them (test/sso/oidc-indexes.test.ts).
 */
import type { AnyDb } from './columns.js';

export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('oidc_payloads_grant_idx').execute();
  await db.schema.dropIndex('oidc_payloads_uid_idx').execute();
  await db.schema.dropIndex('oidc_payloads_account_idx').execute();
  await db.schema.createIndex('oidc_payloads_grant_idx').on('oidc_payloads').column('grant_id').where('grant_id', 'is not', null).execute();
  await db.schema.createIndex('oidc_payloads_uid_idx').on('oidc_payloads').columns(['kind', 'uid']).where('uid', 'is not', null).execute();
  await db.schema.createIndex('oidc_payloads_account_idx').on('oidc_payloads').columns(['account_key', 'kind']).where('account_key', 'is not', null).execute();
}
