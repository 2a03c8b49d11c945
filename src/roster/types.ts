/**
 * The roster capability's public contract: what an import request is and what every import
 * answers (preview, held, applied, refused). The CLI's `--json`, the push endpoint and the
 * upload pages all speak this one shape.
 */
import type { FileProblem } from './edexml/model.js';
import type { ImportSource, ImportStatus } from '../db/index.js';

export type { FileProblem } from './edexml/model.js';
export type { ImportSource, ImportStatus } from '../db/index.js';

export interface KindCounts {
  added: number;
  updated: number;
  deactivated: number;
  unchanged: number;
}

export interface PupilCounts extends KindCounts {
  /** Pupils whose stamgroep changed (also counted in `updated`). */
  moved: number;
}

export interface ImportCounts {
  pupils: PupilCounts;
  groups: KindCounts;
  staff: KindCounts;
  locations: KindCounts;
}

/** One line of the preview a person reads before confirming. Never carries BSN or ECK iD. */
export interface PersonChange {
  kind: 'added' | 'updated' | 'moved' | 'deactivated' | 'reactivated';
  lasKey: string;
  displayName: string; // e.g. "Gradje van 't Hof"
  /** Names of the fields that change, in Dutch (e.g. "achternaam", "groep"). */
  fields: string[];
  fromGroup?: string | null;
  toGroup?: string | null;
}

export interface GroupChange {
  kind: 'added' | 'updated' | 'deactivated';
  lasKey: string;
  name: string;
  groupKind: 'group' | 'subgroup';
  fields: string[];
}

export interface ImportChanges {
  pupils: PersonChange[];
  staff: PersonChange[];
  groups: GroupChange[];
}

export interface GuardResult {
  activePupils: number;
  wouldDeactivate: number;
  /** The configured limit as a share (0..1). */
  limit: number;
  tripped: boolean;
}

export interface ImportSummary {
  /** The import log entry; null only for a CLI dry run, which is not logged. */
  importId: number | null;
  status: ImportStatus | 'dry_run';
  school: { id: number; brin: string; locationCode: string; name: string } | null;
  schoolYear: string | null;
  edexmlVersion: string | null;
  fileSha256: string;
  counts: ImportCounts;
  changes: ImportChanges;
  guard: GuardResult | null;
  warnings: FileProblem[];
  errors: FileProblem[];
}

export interface ImportRequest {
  content: Buffer;
  fileName?: string | null;
  source: ImportSource;
  /** Who does this, for the log: e.g. "operator:Beheer", "las-token:12", "cli:root". */
  actor: string;
  /**
   * The school the caller acts for. When set, a file for another school is refused
   * (roster.school_mismatch). When unset, the file's BRIN + dependancecode pick the school.
   */
  schoolId?: number;
  /**
   * dry_run: check and diff, store nothing (CLI --dry-run).
   * preview: check and diff, keep the file so a person can confirm or discard it (upload page).
   * apply: apply now, unless the guard holds it for confirmation.
   */
  mode: 'dry_run' | 'preview' | 'apply';
  /** Apply even when the guard would hold the file (a person confirmed the large change). */
  confirmLargeChange?: boolean;
}

export interface ImportRecord {
  id: number;
  schoolId: number | null;
  source: ImportSource;
  actor: string;
  fileName: string | null;
  fileSha256: string;
  fileBytes: number;
  schoolYear: string | null;
  status: ImportStatus;
  counts: ImportCounts;
  problems: FileProblem[];
  createdAt: string;
  appliedAt: string | null;
  revertedAt: string | null;
  revertedBy: string | null;
  /** True for the school's latest applied import while nothing newer was applied. */
  canUndo: boolean;
}

export interface LasTokenInfo {
  id: number;
  label: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** What the school's roster looks like now, for the school page (counts, not people). */
export interface RosterOverview {
  schoolYear: string | null;
  activePupils: number;
  inactivePupils: number;
  activeStaff: number;
  groups: Array<{ id: number; lasKey: string; name: string; kind: 'group' | 'subgroup'; yearGroup: string | null; pupils: number }>;
}

export interface SchoolScope {
  schoolId: number;
}

/** An undone import, and how many pupils it added were kept (inactive) instead of deleted. */
export interface UndoneImport extends ImportRecord {
  /** Added pupils the disclosure ledger names: evidence, so deactivated rather than deleted. */
  keptPupils: number;
}

/** Use cases of the roster import; every one that touches a school's data takes its scope. */
export interface RosterService {
  /** Check, diff and (per `mode`) apply, keep for confirmation, or only report a file. */
  importEdexml(request: ImportRequest): Promise<ImportSummary>;
  /** The current diff of a kept file (status preview or held), recomputed against today's data. */
  pendingPreview(scope: SchoolScope, importId: number): Promise<ImportSummary>;
  /** Apply a kept file after a person confirmed it (also confirms a large change). */
  confirmImport(scope: SchoolScope, importId: number, actor: string): Promise<ImportSummary>;
  /** Drop a kept file without applying it. */
  discardImport(scope: SchoolScope, importId: number, actor: string): Promise<void>;
  /** Revert an applied import; only the school's latest applied import can be undone. */
  undoImport(scope: SchoolScope, importId: number, actor: string): Promise<UndoneImport>;
  listImports(scope: SchoolScope, options?: { limit?: number }): Promise<ImportRecord[]>;
  getImport(scope: SchoolScope, importId: number): Promise<ImportRecord>;
  rosterOverview(scope: SchoolScope): Promise<RosterOverview>;
}

/** Per-school bearer tokens with which a LAS pushes EDEXML files. */
export interface LasTokenService {
  /** The token is returned once and stored only as a hash. */
  create(scope: SchoolScope, actor: string, label: string): Promise<{ token: string; info: LasTokenInfo }>;
  revoke(scope: SchoolScope, tokenId: number, actor: string): Promise<void>;
  list(scope: SchoolScope): Promise<LasTokenInfo[]>;
  /** The school the token belongs to, if it is valid, unrevoked and for this instellingRef; else roster.token_invalid. */
  authenticate(instellingRef: string, presentedToken: string): Promise<{ schoolId: number; tokenId: number }>;
}
