/**
 * Row types of every table, as Kysely sees them. Conventions that hold on both SQLite and
 * PostgreSQL: ids are 64-bit integers (PostgreSQL bigint is parsed to a JS number; ids stay
 * far below 2^53), flags are integers 0/1, timestamps are ISO-8601 UTC text, dates are
 * `YYYY-MM-DD` text, and JSON is stored as text.
 */
import type { ColumnType, Generated } from 'kysely';
import type { CatalogueTables } from './schema-parts/catalogue.js';
import type { EckidTables } from './schema-parts/eckid.js';
import type { PrivacyTables } from './schema-parts/privacy.js';
import type { SsoTables } from './schema-parts/sso.js';
import type { SamlTables } from './schema-parts/saml.js';
import type { EckidReadinessTables } from './schema-parts/eckid-readiness.js';

type Id = Generated<number>;
/** 0 or 1: one representation on both databases. */
export type Flag = number;

export interface BoardTable {
  id: Id;
  number: string; // bestuursnummer
  name: string;
  created_at: string;
}

export interface SchoolTable {
  id: Id;
  board_id: number;
  brin: string;
  location_code: string; // dependancecode, '00' for the main school
  name: string;
  schoolkey: string | null;
  instelling_ref: string; // stable random reference used in shortcut links
  street: string | null;
  house_number: string | null;
  house_number_suffix: string | null;
  postcode: string | null;
  city: string | null;
  active: Flag;
  merged_into: number | null;
  created_at: string;
}

export interface LocationTable {
  id: Id;
  school_id: number;
  las_key: string;
  name: string;
  description: string | null;
  active: Flag;
  created_import_id: number | null;
}

export type GroupKind = 'group' | 'subgroup';

export interface GroupTable {
  id: Id;
  school_id: number;
  school_year: string; // e.g. 2026-2027
  las_key: string;
  kind: GroupKind; // group = stamgroep, subgroup = samengestelde groep
  name: string;
  year_group: string | null; // jaargroep; only for stamgroepen
  description: string | null;
  active: Flag;
  created_import_id: number | null;
}

/** Fields shared by pupils and staff as they arrive from the LAS. */
interface PersonColumns {
  id: Id;
  school_id: number;
  las_key: string;
  eckid: string | null;
  last_name: string | null;
  prefix: string | null; // voorvoegsel, e.g. "van 't"
  first_names: string | null;
  initials: string | null;
  nickname: string | null; // roepnaam
  active: Flag;
  deactivated_at: string | null;
  created_import_id: number | null;
  updated_at: string;
}

export interface PupilTable extends PersonColumns {
  birth_date: string | null;
  gender: string | null; // EDEXML geslacht code 0/1/2/9
  year_group: string | null;
  group_id: number | null; // stamgroep
  location_id: number | null;
}

export interface PupilSubgroupTable {
  school_id: number;
  pupil_id: number;
  group_id: number;
}

export interface StaffTable extends PersonColumns {
  email: string | null;
  roles: string; // JSON array of EDEX rol codes
}

export interface StaffGroupTable {
  school_id: number;
  staff_id: number;
  group_id: number;
}

export type ImportSource = 'upload' | 'push' | 'cli' | 'demo';
export type ImportStatus = 'preview' | 'held' | 'applied' | 'refused' | 'reverted' | 'discarded';

export interface ImportRunTable {
  id: Id;
  school_id: number | null; // null when the file names no known school
  source: ImportSource;
  actor: string;
  file_name: string | null;
  file_sha256: string;
  file_bytes: number;
  school_year: string | null;
  status: ImportStatus;
  counts: string; // JSON ImportCounts
  problems: string; // JSON Problem[] (errors and warnings)
  created_at: string;
  applied_at: string | null;
  reverted_at: string | null;
  reverted_by: string | null;
}

export interface ImportChangeTable {
  id: Id;
  import_id: number;
  entity: 'pupil' | 'staff' | 'group' | 'location';
  entity_id: number;
  change: 'updated' | 'deactivated';
  before: string; // JSON of the row (and memberships) before the import
}

/** The file of an import that waits for a person's confirmation (preview or held). */
export interface PendingImportTable {
  import_id: number;
  content: ColumnType<Buffer, Buffer, Buffer>;
}

export interface LasTokenTable {
  id: Id;
  school_id: number;
  label: string;
  token_hash: string; // SHA-256 hex of a 256-bit random token
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export type SessionActorKind = 'operator' | 'staff' | 'pupil' | 'parent';

export interface SessionTable {
  id_hash: string; // SHA-256 hex of the session id in the cookie
  actor_kind: SessionActorKind;
  actor_label: string;
  actor_id: number | null; // staff account, pupil or parent id; null for the operator
  school_id: number | null; // the pupil's school
  shared_device: Generated<Flag>;
  last_seen_at: string | null;
  created_at: string;
  expires_at: string;
}

export type StaffAccountStatus = 'invited' | 'active' | 'disabled';
export type StaffRoleName = 'schoolAdmin' | 'teacher' | 'supportStaff' | 'trainee' | 'boardAdmin';

export interface StaffAccountTable {
  id: Id;
  email: string; // lowercased; one address is one identity
  display_name: string;
  password_hash: string | null; // argon2id; null until activated
  status: StaffAccountStatus;
  totp_secret: string | null; // base32; never shown again after set-up
  totp_enabled: Generated<Flag>;
  created_at: string;
  activated_at: string | null;
  last_login_at: string | null;
}

export interface StaffAccountRoleTable {
  id: Id;
  account_id: number;
  role: StaffRoleName;
  school_id: number | null; // null only for boardAdmin
  board_id: number | null; // only for boardAdmin
  group_id: number | null; // only for trainee
  staff_id: number | null; // the roster row the role came from
  source: 'roster' | 'manual';
  created_by: string;
  created_at: string;
}

export interface StaffAccountTokenTable {
  token_hash: string;
  account_id: number;
  purpose: 'activation' | 'reset' | 'totp_login';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A parent's home login: 'requested' until the mailed link is used to choose a password. */
export interface ParentAccountTable {
  id: Id;
  email: string;
  password_hash: string | null;
  status: 'requested' | 'active' | 'disabled';
  created_at: string;
  last_login_at: string | null;
}

/** A child linked to a parent's home login, confirmed with the child's pincode. */
export interface ParentChildTable {
  parent_id: number;
  pupil_id: number;
  school_id: number;
  linked_at: string;
}

export interface ParentAccountTokenTable {
  token_hash: string;
  parent_id: number;
  purpose: 'activation' | 'reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginLinkTable {
  token_hash: string;
  actor_kind: 'operator';
  actor_label: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: Id;
  at: string;
  actor: string;
  action: string;
  board_id: number | null;
  school_id: number | null;
  details: string; // JSON
}

export interface PupilCredentialTable {
  pupil_id: number;
  school_id: number;
  picture: string; // leerlingplaatje id from the shipped set
  picture_code_hash: string | null; // keyed HMAC-SHA256 (PUPIL_SECRET_KEY)
  pincode_hash: string | null;
  card_token_hash: string | null;
  card_version: Generated<number>;
  card_issued_at: string | null;
  home_login: Generated<Flag>;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  last_login_at: string | null;
}

export interface SchoolNetworkTable {
  school_id: number;
  cidr: string;
  source: 'manual' | 'dynamic';
  updated_at: string;
}

export interface SchoolIpTokenTable {
  school_id: number;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export type MailTransport = 'smtp' | 'outbox';

/** One e-mail Leerpoort sent (SMTP) or held for a person to read (outbox); purged after a week. */
export interface MailMessageTable {
  id: Id;
  recipient: string;
  subject: string;
  text: string | null; // kept only for the outbox: an SMTP message's body is the recipient's
  html: string | null;
  purpose: string; // what the message is for, e.g. 'staff.activation'
  school_id: number | null;
  transport: MailTransport;
  created_at: string;
  sent_at: string | null;
  error: string | null; // why SMTP refused it; never the body
}

/** A substitute's time-boxed access; `group_ids` is a JSON array of group ids or 'invalgroep'. */
export interface SubstituteGrantTable {
  id: Id;
  account_id: number;
  school_id: number;
  group_ids: string;
  starts_at: string;
  ends_at: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** The group a school uses as its invalgroep (at most one per school). */
export interface SchoolInvalgroepTable {
  school_id: number;
  group_id: number;
  marked_by: string;
  marked_at: string;
}

/** Capabilities added later keep their row types in schema-parts/, one file each. */
export interface Database extends CatalogueTables, PrivacyTables, SsoTables, SamlTables, EckidTables, EckidReadinessTables {
  boards: BoardTable;
  schools: SchoolTable;
  locations: LocationTable;
  groups: GroupTable;
  pupils: PupilTable;
  pupil_subgroups: PupilSubgroupTable;
  staff: StaffTable;
  staff_groups: StaffGroupTable;
  import_runs: ImportRunTable;
  import_changes: ImportChangeTable;
  pending_imports: PendingImportTable;
  las_tokens: LasTokenTable;
  sessions: SessionTable;
  login_links: LoginLinkTable;
  staff_accounts: StaffAccountTable;
  staff_account_roles: StaffAccountRoleTable;
  staff_account_tokens: StaffAccountTokenTable;
  parent_accounts: ParentAccountTable;
  parent_children: ParentChildTable;
  parent_account_tokens: ParentAccountTokenTable;
  audit_log: AuditLogTable;
  mail_messages: MailMessageTable;
  pupil_credentials: PupilCredentialTable;
  school_networks: SchoolNetworkTable;
  school_ip_tokens: SchoolIpTokenTable;
  substitute_grants: SubstituteGrantTable;
  school_invalgroep: SchoolInvalgroepTable;
}
