/**
 * The SQL of the SAML IdP (service providers, request ids, pending logins). The signing keys
 * have their own small module (keys.ts). Service providers are platform-wide (publishers, not
 * schools, own them), so these queries are scoped by SP or publisher, not by school.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/index.js';
import type { SharingProfile } from '../profiles.js';

export interface ServiceProvider {
  id: number;
  publisherId: number;
  entityId: string;
  acsUrls: string[];
  sloUrl: string | null;
  sloBinding: 'redirect' | 'post' | null;
  authnRequestsSigned: boolean;
  /** Base64 DER of the SP's signing certificate, or null. */
  signingCert: string | null;
  profile: SharingProfile;
  metadataXml: string;
  createdAt: string;
}

export interface NewServiceProvider {
  publisherId: number;
  entityId: string;
  acsUrls: string[];
  sloUrl: string | null;
  sloBinding: 'redirect' | 'post' | null;
  authnRequestsSigned: boolean;
  signingCert: string | null;
  profile: SharingProfile;
  metadataXml: string;
}

type Row = Selectable<Database['saml_service_providers']>;

function toServiceProvider(row: Row): ServiceProvider {
  return {
    id: row.id,
    publisherId: row.publisher_id,
    entityId: row.entity_id,
    acsUrls: JSON.parse(row.acs_urls) as string[],
    sloUrl: row.slo_url,
    sloBinding: row.slo_binding,
    authnRequestsSigned: row.authn_requests_signed === 1,
    signingCert: row.signing_cert,
    profile: row.profile as SharingProfile,
    metadataXml: row.metadata_xml,
    createdAt: row.created_at,
  };
}

export function createSamlStore(db: Kysely<Database>) {
  return {
    async insertServiceProvider(sp: NewServiceProvider, actorId: string, now: string): Promise<ServiceProvider> {
      const row = await db
        .insertInto('saml_service_providers')
        .values({
          publisher_id: sp.publisherId,
          entity_id: sp.entityId,
          acs_urls: JSON.stringify(sp.acsUrls),
          slo_url: sp.sloUrl,
          slo_binding: sp.sloBinding,
          authn_requests_signed: sp.authnRequestsSigned ? 1 : 0,
          signing_cert: sp.signingCert,
          profile: sp.profile,
          metadata_xml: sp.metadataXml,
          created_by: actorId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toServiceProvider(row);
    },
    async updateServiceProvider(id: number, sp: NewServiceProvider, now: string): Promise<void> {
      await db
        .updateTable('saml_service_providers')
        .set({
          acs_urls: JSON.stringify(sp.acsUrls),
          slo_url: sp.sloUrl,
          slo_binding: sp.sloBinding,
          authn_requests_signed: sp.authnRequestsSigned ? 1 : 0,
          signing_cert: sp.signingCert,
          profile: sp.profile,
          metadata_xml: sp.metadataXml,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
    async byEntityId(entityId: string): Promise<ServiceProvider | null> {
      const row = await db.selectFrom('saml_service_providers').selectAll().where('entity_id', '=', entityId).executeTakeFirst();
      return row ? toServiceProvider(row) : null;
    },
    async byId(id: number): Promise<ServiceProvider | null> {
      const row = await db.selectFrom('saml_service_providers').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toServiceProvider(row) : null;
    },
    async list(): Promise<ServiceProvider[]> {
      const rows = await db.selectFrom('saml_service_providers').selectAll().orderBy('entity_id').execute();
      return rows.map(toServiceProvider);
    },
    async removeServiceProvider(id: number): Promise<void> {
      await db.deleteFrom('saml_service_providers').where('id', '=', id).execute();
    },
    /** Remembers a request id; false when this SP already sent it (a replay). */
    async rememberRequestId(spId: number, requestId: string, expiresAt: string, now: string): Promise<boolean> {
      await db.deleteFrom('saml_request_ids').where('expires_at', '<', now).execute();
      const inserted = await db
        .insertInto('saml_request_ids')
        .values({ sp_id: spId, request_id: requestId, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['sp_id', 'request_id']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async insertPending(row: Omit<Database['saml_pending'], 'id'> & { id?: never }): Promise<void> {
      await db.insertInto('saml_pending').values(row).execute();
    },
    async pending(tokenHash: string, now: string) {
      return (await db.selectFrom('saml_pending').selectAll().where('token_hash', '=', tokenHash).where('expires_at', '>', now).executeTakeFirst()) ?? null;
    },
    /** Single use: true when this call removed it (a second tab cannot answer the same request twice). */
    async consumePending(id: number): Promise<boolean> {
      const result = await db.deleteFrom('saml_pending').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async purgePending(now: string): Promise<void> {
      await db.deleteFrom('saml_pending').where('expires_at', '<', now).execute();
    },

    /** An SP received an assertion in this Leerpoort session (single-logout.ts); the latest login wins. */
    async recordParticipant(row: Database['saml_session_participants']): Promise<void> {
      const { session_key: _key, sp_id: _sp, ...later } = row;
      await db
        .insertInto('saml_session_participants')
        .values(row)
        .onConflict((oc) => oc.columns(['session_key', 'sp_id']).doUpdateSet(later))
        .execute();
    },
    /** The session's participants, removed: each is asked to log out once. */
    async takeParticipants(sessionKey: string, now: string): Promise<Array<{ spId: number; nameId: string; sessionIndex: string }>> {
      await db.deleteFrom('saml_session_participants').where('expires_at', '<', now).execute();
      const rows = await db.deleteFrom('saml_session_participants').where('session_key', '=', sessionKey).returning(['sp_id', 'name_id', 'session_index']).execute();
      return rows.map((r) => ({ spId: Number(r.sp_id), nameId: r.name_id, sessionIndex: r.session_index }));
    },
    async insertChain(row: Omit<Database['saml_logout_chains'], 'id'>, now: string): Promise<void> {
      await db.deleteFrom('saml_logout_chains').where('expires_at', '<', now).execute();
      await db.insertInto('saml_logout_chains').values(row).execute();
    },
    async chainBy(column: 'token_hash' | 'waiting_request_id', value: string, now: string) {
      return (await db.selectFrom('saml_logout_chains').selectAll().where(column, '=', value).where('expires_at', '>', now).executeTakeFirst()) ?? null;
    },
    async updateChain(id: number, values: Partial<Pick<Database['saml_logout_chains'], 'token_hash' | 'remaining' | 'waiting_request_id' | 'waiting_sp_id'>>): Promise<void> {
      await db.updateTable('saml_logout_chains').set(values).where('id', '=', id).execute();
    },
    async deleteChain(id: number): Promise<void> {
      await db.deleteFrom('saml_logout_chains').where('id', '=', id).execute();
    },
  };
}

export type SamlStore = ReturnType<typeof createSamlStore>;
