/** Row types of the saml tables (conventions: see ../schema.ts; migration 012-saml). */
import type { Generated } from 'kysely';

export interface SamlServiceProviderTable {
  id: Generated<number>;
  publisher_id: number;
  entity_id: string;
  /** JSON array of ACS URLs (HTTP-POST binding). */
  acs_urls: string;
  slo_url: string | null;
  slo_binding: 'redirect' | 'post' | null;
  authn_requests_signed: number;
  signing_cert: string | null;
  profile: string;
  metadata_xml: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SamlIdpKeyTable {
  id: Generated<number>;
  private_key_sealed: string;
  certificate: string;
  created_at: string;
  retired_at: string | null;
}

export interface SamlRequestIdTable {
  sp_id: number;
  request_id: string;
  expires_at: string;
}

export interface SamlPendingTable {
  id: Generated<number>;
  token_hash: string;
  kind: 'login' | 'logout';
  sp_id: number;
  request_id: string;
  acs_url: string | null;
  relay_state: string | null;
  name_id: string | null;
  school_hint: string | null;
  passive: number;
  expires_at: string;
}

/** An SP that received an assertion in a Leerpoort session (by hash of the session id), for single logout. */
export interface SamlSessionParticipantTable {
  session_key: string;
  sp_id: number;
  name_id: string;
  session_index: string;
  expires_at: string;
}

/** A front-channel logout going through the session's SPs one by one. */
export interface SamlLogoutChainTable {
  id: Generated<number>;
  token_hash: string;
  remaining: string; // JSON: Array<{ spId, nameId, sessionIndex }>
  finish: string;
  waiting_request_id: string | null;
  waiting_sp_id: number | null;
  expires_at: string;
}

export interface SamlTables {
  saml_service_providers: SamlServiceProviderTable;
  saml_idp_keys: SamlIdpKeyTable;
  saml_request_ids: SamlRequestIdTable;
  saml_pending: SamlPendingTable;
  saml_session_participants: SamlSessionParticipantTable;
  saml_logout_chains: SamlLogoutChainTable;
}
