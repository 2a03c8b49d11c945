/**
 * One logout for both protocols (docs/saml.md "Single logout", docs/oidc.md "Logout"):
 * - `oidc_payloads.account_key`: the person (`pupil:<id>` / `staff:<id>`, without the school) a
 *   Session or Grant belongs to, so "Overal uitloggen" finds that person's OIDC sessions and grants;
 * - `saml_session_participants`: which SPs received an assertion in which Leerpoort session
 *   (by a hash of the session id), with the NameID and SessionIndex a LogoutRequest must name;
 * - `saml_logout_chains`: a front-channel logout going through those SPs one by one.
 */
import type { DialectName } from '../database.js';
import { createTableWithId, idRef, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const ref = idRef(dialect);

  await db.schema.alterTable('oidc_payloads').addColumn('account_key', 'text').execute();
  await db.schema.createIndex('oidc_payloads_account_idx').on('oidc_payloads').columns(['account_key', 'kind']).execute();

  await db.schema
    .createTable('saml_session_participants')
    .addColumn('session_key', 'text', (c) => c.notNull())
    .addColumn('sp_id', ref, (c) => c.notNull().references('saml_service_providers.id').onDelete('cascade'))
    .addColumn('name_id', 'text', (c) => c.notNull())
    .addColumn('session_index', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('saml_session_participants_pk', ['session_key', 'sp_id'])
    .execute();
  await db.schema.createIndex('saml_session_participants_expiry_idx').on('saml_session_participants').column('expires_at').execute();

  await createTableWithId(db, 'saml_logout_chains', dialect)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // JSON: the SPs still to be logged out, in order ({ spId, nameId, sessionIndex }).
    .addColumn('remaining', 'text', (c) => c.notNull())
    // Where the browser goes when the chain is done (a path on Leerpoort).
    .addColumn('finish', 'text', (c) => c.notNull())
    // The LogoutRequest sent and not yet answered, and to which SP.
    .addColumn('waiting_request_id', 'text', (c) => c.unique())
    .addColumn('waiting_sp_id', ref)
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}
