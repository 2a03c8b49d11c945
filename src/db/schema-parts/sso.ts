/** Row types of the sso capability's tables (conventions: see ../schema.ts). */
import type { Generated } from 'kysely';

/** Everything oidc-provider stores, by model name (`kind`) and id; see sso/oidc/adapter.ts. */
export interface OidcPayloadTable {
  kind: string;
  id: string;
  payload: string; // JSON
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  consumed_at: string | null;
  expires_at: string | null;
  /** Sessions and grants: the person (`pupil:<id>` / `staff:<id>`), for "Overal uitloggen" (migration 015). */
  account_key: string | null;
}

export interface OidcSigningKeyTable {
  id: Generated<number>;
  kid: string;
  alg: string;
  private_jwk_sealed: string; // secret box, purpose 'oidc.signing-key'
  status: 'active' | 'published' | 'retired';
  created_at: string;
  created_by: string;
  retired_at: string | null;
}

export interface OidcClientTable {
  id: Generated<number>;
  client_id: string;
  publisher_id: number;
  secret_sealed: string; // secret box, purpose 'oidc.client-secret'
  redirect_uris: string; // JSON array
  post_logout_redirect_uris: string; // JSON array
  backchannel_logout_uri: string | null;
  profile: string; // SharingProfile
  created_at: string;
  created_by: string;
  disabled_at: string | null;
}

export interface SsoTables {
  oidc_payloads: OidcPayloadTable;
  oidc_signing_keys: OidcSigningKeyTable;
  oidc_clients: OidcClientTable;
}
