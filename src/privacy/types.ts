/** The privacy capability's public types. */
import type { ReleasedAttribute, SharingProfile } from '../sso/index.js';

/** What privacy needs to know about publishers; the catalogue's `publishers` satisfies it. */
export interface PublisherInfo {
  id: number;
  slug: string;
  name: string;
}

export interface PublisherDirectory {
  byId(id: number): Promise<PublisherInfo | null | undefined>;
  bySlug(slug: string): Promise<PublisherInfo | null | undefined>;
  list(): Promise<PublisherInfo[]>;
}

export type AgreementStatus = 'active' | 'ended';

export interface Agreement {
  id: number;
  boardId: number;
  publisherId: number;
  status: AgreementStatus;
  /** The widest sharing profile the agreement allows; a client's narrower profile still wins. */
  profile: SharingProfile;
  reference: string | null;
  signedOn: string | null;
  startedAt: string;
  startedBy: string;
  updatedAt: string;
  endedAt: string | null;
  endedBy: string | null;
}

/** Who changes something, for receipts and audit: the stable id and the name people read. */
export interface PrivacyActor {
  id: string;
  name: string;
}

export interface Authorization {
  agreementId: number;
  profile: SharingProfile;
}

/** One publisher as the school's "Uitgeverijen" page shows it. */
export interface ConsentRow {
  publisher: PublisherInfo;
  agreement: Pick<Agreement, 'id' | 'profile' | 'reference'> | null;
  granted: boolean;
  changedAt: string | null;
  changedBy: string | null;
}

export interface ConsentReceipt {
  id: number;
  number: string;
  schoolId: number;
  publisherId: number;
  action: 'granted' | 'withdrawn';
  actor: string;
  actorName: string;
  at: string;
  /** The canonical JSON the hash is taken over; what the downloadable receipt states. */
  content: ReceiptContent;
  hash: string;
}

export interface ReceiptContent {
  type: 'leerpoort-toestemming-v1';
  number: string;
  school: { id: number; brin: string; locationCode: string; name: string };
  publisher: { id: number; slug: string; name: string };
  action: 'granted' | 'withdrawn';
  by: { id: string; name: string };
  at: string;
  agreement: { id: number; profile: SharingProfile; reference: string | null } | null;
}

export type DisclosureChannel = 'oidc' | 'saml' | 'api';

/** One release of personal data, as the launch (or API read) reports it. Names only, never values. */
export interface DisclosureInput {
  schoolId: number;
  boardId: number;
  publisherId: number;
  subject: { kind: 'pupil' | 'staff'; id: number };
  attributes: ReleasedAttribute[];
  channel: DisclosureChannel;
  /** OIDC client_id or SAML SP entityID. */
  recipient: string;
  agreementId: number;
}

export interface LedgerEntry {
  seq: number;
  at: string;
  schoolId: number;
  boardId: number;
  publisherId: number;
  subjectKind: 'pupil' | 'staff';
  subjectId: number;
  attributes: ReleasedAttribute[];
  channel: DisclosureChannel;
  recipient: string;
  agreementId: number;
  prevHash: string;
  hash: string;
}

export type LedgerScope = { schoolId: number } | { boardId: number };

export interface LedgerQuery {
  /** Inclusive lower bound, YYYY-MM-DD (Amsterdam dates are close enough: compared on UTC ISO text). */
  from?: string;
  /** Inclusive upper bound, YYYY-MM-DD. */
  to?: string;
  limit?: number;
}

export type VerifyResult =
  | { ok: true; entries: number; headHash: string; receipts: number }
  | { ok: false; entries: number; firstBrokenSeq: number | null; reason: string; receiptNumber?: string };
