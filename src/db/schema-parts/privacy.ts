/** Row types of the privacy capability's tables (conventions: see ../schema.ts). */
import type { Generated } from 'kysely';

export interface ProcessingAgreementTable {
  id: Generated<number>;
  board_id: number;
  publisher_id: number;
  status: 'active' | 'ended';
  profile: string; // SharingProfile
  reference: string | null;
  signed_on: string | null;
  started_at: string;
  started_by: string;
  updated_at: string;
  ended_at: string | null;
  ended_by: string | null;
}

export interface PublisherConsentTable {
  school_id: number;
  publisher_id: number;
  granted: number; // 0/1
  changed_at: string;
  changed_by: string;
}

export interface ConsentReceiptTable {
  id: Generated<number>;
  number: string;
  school_id: number;
  publisher_id: number;
  action: 'granted' | 'withdrawn';
  actor: string;
  actor_name: string;
  at: string;
  content: string; // canonical JSON
  hash: string; // SHA-256 hex of content
}

export interface DisclosureLedgerTable {
  seq: number;
  at: string;
  school_id: number;
  board_id: number;
  publisher_id: number;
  subject_kind: 'pupil' | 'staff';
  subject_id: number;
  attributes: string; // JSON array of ReleasedAttribute names
  channel: 'oidc' | 'saml' | 'api';
  recipient: string;
  agreement_id: number;
  prev_hash: string;
  hash: string;
}

export interface DisclosureLedgerHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface PrivacyTables {
  processing_agreements: ProcessingAgreementTable;
  publisher_consents: PublisherConsentTable;
  consent_receipts: ConsentReceiptTable;
  disclosure_ledger: DisclosureLedgerTable;
  disclosure_ledger_head: DisclosureLedgerHeadTable;
}
