/**
 * SAML 2.0 IdP: the service providers publishers registered (by their SP metadata), our own
 * signing keys (private key sealed with the secret box), AuthnRequest ids seen (replay guard,
 * kept until the request would have expired anyway) and logins waiting for the person to sign
 * in (the SP's request survives the detour through the login page).
 * `publisher_id` points at the catalogue's publisher; the catalogue is read through its service.
 */
import type { DialectName } from '../database.js';
import { createTableWithId, idRef, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const ref = idRef(dialect);
  const withId = (name: string) => createTableWithId(db, name, dialect);

  await withId('saml_service_providers')
    .addColumn('publisher_id', ref, (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull().unique())
    // JSON array of the POST-binding AssertionConsumerService URLs from the metadata, default first.
    .addColumn('acs_urls', 'text', (c) => c.notNull())
    .addColumn('slo_url', 'text')
    .addColumn('slo_binding', 'text') // 'redirect' | 'post'
    .addColumn('authn_requests_signed', 'integer', (c) => c.notNull())
    // PEM body (base64, no headers) of the SP's signing certificate, null when it has none.
    .addColumn('signing_cert', 'text')
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('metadata_xml', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saml_sp_publisher_idx').on('saml_service_providers').column('publisher_id').execute();

  await withId('saml_idp_keys')
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Set when a newer key took over; the old certificate stays in the metadata for a while.
    .addColumn('retired_at', 'text')
    .execute();

  await db.schema
    .createTable('saml_request_ids')
    .addColumn('sp_id', ref, (c) => c.notNull().references('saml_service_providers.id').onDelete('cascade'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('saml_request_ids_pk', ['sp_id', 'request_id'])
    .execute();
  await db.schema.createIndex('saml_request_ids_expiry_idx').on('saml_request_ids').column('expires_at').execute();

  await withId('saml_pending')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull()) // 'login' | 'logout'
    .addColumn('sp_id', ref, (c) => c.notNull().references('saml_service_providers.id').onDelete('cascade'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('acs_url', 'text')
    .addColumn('relay_state', 'text')
    .addColumn('name_id', 'text')
    .addColumn('school_hint', 'text')
    // AuthnRequest IsPassive="true": never show a login page, answer NoPassive instead (Core §3.4.1).
    .addColumn('passive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}
