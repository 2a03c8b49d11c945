/**
 * The publishers' OpenID Connect clients: one or more per publisher, each with its own
 * redirect URIs, logout URIs and data-sharing profile. The secret is shown once at creation
 * and stored sealed with the secret box: oidc-provider compares the clear value (and would need
 * it for client_secret_jwt), so a one-way hash does not fit. The operator adds clients via the
 * CLI (`leerpoort clients add`) or the operator page /beheer/oidc-clients.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sealedColumn, type Database } from '../../db/index.js';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { AppError } from '../../lib/errors.js';
import { recordAudit } from '../../audit/index.js';
import { isSharingProfile, type SharingProfile } from '../profiles.js';

const SECRET_PURPOSE = 'oidc.client-secret';
const METADATA_TTL_MS = 5_000;

/** For `leerpoort secrets reseal`. */
export const clientSecretSealedColumn = sealedColumn({
  kind: SECRET_PURPOSE, label: 'OIDC-clientgeheimen', table: 'oidc_clients', key: 'id', column: 'secret_sealed',
  purpose: () => SECRET_PURPOSE,
});

export interface PublisherRef {
  id: number;
  slug: string;
  name: string;
  sector: string;
}

export interface PublisherLookup {
  bySlug(slug: string): Promise<PublisherRef | null | undefined>;
}

export interface AddClientInput {
  publisherSlug: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string | null;
  profile: SharingProfile | string;
}

export interface OidcClientInfo {
  clientId: string;
  publisherId: number;
  publisherSlug: string;
  publisherName: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  profile: SharingProfile;
  createdAt: string;
}

/** An absolute https URL without fragment; http only on loopback or when allowed (development, tests). */
function checkedUrl(raw: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('sso.client_uri_invalid', { uri: raw });
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const schemeOk = url.protocol === 'https:' || (url.protocol === 'http:' && (allowHttp || loopback));
  if (!schemeOk || url.hash || url.username || url.password) throw new AppError('sso.client_uri_invalid', { uri: raw });
  return url.href;
}

export function createOidcClients(deps: { db: Kysely<Database>; clock: Clock; box: SecretBox; publishers: PublisherLookup; allowHttp: boolean }) {
  const { db, clock, box, publishers, allowHttp } = deps;

  type Row = Pick<Database['oidc_clients'], 'client_id' | 'publisher_id' | 'redirect_uris' | 'post_logout_redirect_uris' | 'backchannel_logout_uri' | 'profile' | 'created_at'> & { slug: string; name: string };
  function toInfo(row: Row): OidcClientInfo {
    return {
      clientId: row.client_id,
      publisherId: row.publisher_id,
      publisherSlug: row.slug,
      publisherName: row.name,
      redirectUris: JSON.parse(row.redirect_uris) as string[],
      postLogoutRedirectUris: JSON.parse(row.post_logout_redirect_uris) as string[],
      backchannelLogoutUri: row.backchannel_logout_uri,
      profile: row.profile as SharingProfile,
      createdAt: row.created_at,
    };
  }

  const base = () =>
    db
      .selectFrom('oidc_clients')
      .innerJoin('publishers', 'publishers.id', 'oidc_clients.publisher_id')
      .select(['oidc_clients.client_id', 'oidc_clients.publisher_id', 'oidc_clients.secret_sealed', 'oidc_clients.redirect_uris', 'oidc_clients.post_logout_redirect_uris', 'oidc_clients.backchannel_logout_uri', 'oidc_clients.profile', 'oidc_clients.created_at', 'publishers.slug', 'publishers.name', 'publishers.sector'])
      .where('oidc_clients.disabled_at', 'is', null);

  const cache = new Map<string, { value: Record<string, unknown> | undefined; until: number }>();

  return {
    /** Registers a client; the secret is returned this once (and stored sealed). */
    async add(actorId: string, input: AddClientInput): Promise<{ clientId: string; clientSecret: string }> {
      const publisher = await publishers.bySlug(input.publisherSlug);
      if (!publisher) throw new AppError('sso.publisher_not_found', { publisher: input.publisherSlug });
      if (!isSharingProfile(input.profile)) throw new AppError('sso.profile_invalid', { profile: input.profile });
      const redirectUris = [...new Set(input.redirectUris.map((u) => checkedUrl(u, allowHttp)))];
      if (redirectUris.length === 0) throw new AppError('sso.client_redirect_required');
      // Pairwise `sub` per publisher: oidc-provider would otherwise demand a sector_identifier_uri
      // for redirect URIs on several hosts (OIDC Core §8.1); one host per client keeps it simple.
      if (new Set(redirectUris.map((u) => new URL(u).host)).size > 1) throw new AppError('sso.client_hosts_differ');
      const postLogout = [...new Set((input.postLogoutRedirectUris ?? []).map((u) => checkedUrl(u, allowHttp)))];
      const backchannel = input.backchannelLogoutUri?.trim() ? checkedUrl(input.backchannelLogoutUri, allowHttp) : null;
      const clientId = `${publisher.slug}-${randomBytes(6).toString('hex')}`;
      const clientSecret = randomBytes(32).toString('base64url');
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('oidc_clients')
          .values({
            client_id: clientId,
            publisher_id: publisher.id,
            secret_sealed: box.seal(clientSecret, SECRET_PURPOSE),
            redirect_uris: JSON.stringify(redirectUris),
            post_logout_redirect_uris: JSON.stringify(postLogout),
            backchannel_logout_uri: backchannel,
            profile: input.profile,
            created_at: isoNow(clock),
            created_by: actorId,
            disabled_at: null,
          })
          .execute();
        await recordAudit(trx, clock, { actor: actorId, action: 'oidc.client_added', details: { clientId, publisher: publisher.slug, profile: input.profile, redirectUris } });
      });
      return { clientId, clientSecret };
    },

    async list(): Promise<OidcClientInfo[]> {
      const rows = await base().orderBy('publishers.slug').orderBy('oidc_clients.id').execute();
      return rows.map(toInfo);
    },

    /**
     * Metadata in oidc-provider's terms (RFC 7591 names), for the adapter's Client model. Read
     * on every protocol request; kept for a few seconds (clients change rarely, and a launch
     * asks four times).
     */
    async metadata(clientId: string): Promise<Record<string, unknown> | undefined> {
      const hit = cache.get(clientId);
      if (hit && hit.until > Date.now()) return hit.value;
      const value = await readMetadata(clientId);
      if (cache.size > 1000) cache.clear();
      cache.set(clientId, { value, until: Date.now() + METADATA_TTL_MS });
      return value;
    },
  };

  async function readMetadata(clientId: string): Promise<Record<string, unknown> | undefined> {
    const row = await base().where('oidc_clients.client_id', '=', clientId).executeTakeFirst();
    if (!row) return undefined;
    const info = toInfo(row);
    return {
      client_id: row.client_id,
      client_secret: box.open(row.secret_sealed, SECRET_PURPOSE),
      client_name: row.name,
      redirect_uris: info.redirectUris,
      post_logout_redirect_uris: info.postLogoutRedirectUris,
      ...(info.backchannelLogoutUri ? { backchannel_logout_uri: info.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
      response_types: ['code'],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'client_secret_basic',
      subject_type: 'pairwise',
      leerpoort_publisher_id: row.publisher_id,
      leerpoort_sector: row.sector,
      leerpoort_profile: info.profile,
    };
  }
}

export type OidcClients = ReturnType<typeof createOidcClients>;
