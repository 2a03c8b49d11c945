/** Row types of the eckid capability's tables (conventions: see ../schema.ts). */
import type { Generated } from 'kysely';

export interface EckidSchoolSettingsTable {
  school_id: number;
  requests_enabled: number; // 0/1: "Leerpoort vraagt ECK iD's aan"
  updated_by: string;
  updated_at: string;
}

export type EckidRequestStatus = 'waiting' | 'done' | 'skipped' | 'failed';

export interface EckidRequestTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  status: EckidRequestStatus;
  pgn_kind: 'bsn' | 'onderwijsnummer' | null;
  /** The PGN sealed with the secret box; erased as soon as the hPGN is computed. */
  sealed_pgn: string | null;
  /** The hPGN sealed; kept only until the ECK iD arrives (a retry then skips the 2 s hash). */
  sealed_hpgn: string | null;
  /** The ECK iD received (also on the pupil); restored when an import without ECK iDs clears it. */
  eckid: string | null;
  error_code: string | null;
  next_attempt_at: string | null;
  /** When a job was queued for it; null: the dispatcher still has to. */
  queued_at: string | null;
  created_at: string;
  updated_at: string;
  done_at: string | null;
}

export interface EckidTables {
  eckid_school_settings: EckidSchoolSettingsTable;
  eckid_requests: EckidRequestTable;
}
