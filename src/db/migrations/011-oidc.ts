/**
 * The OpenID Connect provider's state: one payload table for everything oidc-provider stores
 * (sessions, interactions, grants, codes, tokens), the signing keys (sealed with the secret box)
 * and the publishers' clients (secrets sealed too). See docs/adr/0009-oidc-provider.md.
 */
import type { DialectName } from '../database.js';
import { createTableWithId, idRef, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const ref = idRef(dialect);

  // oidc-provider's adapter contract: a JSON payload per (model, id), found by id, by uid
  // (sessions), by grant id (revocation) and purged after `expires_at` (ISO text).
  await db.schema
    .createTable('oidc_payloads')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('consumed_at', 'text')
    .addColumn('expires_at', 'text')
    .addPrimaryKeyConstraint('oidc_payloads_pk', ['kind', 'id'])
    .execute();
  await db.schema.createIndex('oidc_payloads_grant_idx').on('oidc_payloads').column('grant_id').execute();
  await db.schema.createIndex('oidc_payloads_uid_idx').on('oidc_payloads').columns(['kind', 'uid']).execute();
  await db.schema.createIndex('oidc_payloads_expires_idx').on('oidc_payloads').column('expires_at').execute();

  // status: 'active' signs (one at a time), 'published' only verifies (in the JWKS after a
  // rotation), 'retired' is gone from the JWKS.
  await createTableWithId(db, 'oidc_signing_keys', dialect)
    .addColumn('kid', 'text', (c) => c.notNull().unique())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('private_jwk_sealed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();

  await createTableWithId(db, 'oidc_clients', dialect)
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('publisher_id', ref, (c) => c.notNull().references('publishers.id').onDelete('cascade'))
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('redirect_uris', 'text', (c) => c.notNull()) // JSON array
    .addColumn('post_logout_redirect_uris', 'text', (c) => c.notNull()) // JSON array
    .addColumn('backchannel_logout_uri', 'text')
    .addColumn('profile', 'text', (c) => c.notNull()) // SharingProfile
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();
  await db.schema.createIndex('oidc_clients_publisher_idx').on('oidc_clients').column('publisher_id').execute();
}
