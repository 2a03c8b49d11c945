/** Row types of the eckid-readiness tables (conventions: see ../schema.ts). */
import type { Generated } from 'kysely';

/** The LAS's enrolment and DUO-exchange status of one pupil (EDEXML toevoegingen or the status API). */
export interface EckidPupilStatusTable {
  pupil_id: number;
  school_id: number;
  enrolment: string | null; // aangemeld | ingeschreven
  funded: number | null; // bekostigd 0/1
  duo_exchange: string | null; // niet_uitgewisseld | uitgewisseld | terugkoppeling_opgehaald | fout
  duo_message: string | null;
  source: string; // edexml | api
  updated_at: string;
}

/** School-level facts from the LAS: which LAS, and whether it was told to fetch ECK iDs. */
export interface EckidSchoolStatusTable {
  school_id: number;
  las_product: string | null; // parnassys | esis | dotcom | topicus | unilogic | overig
  las_product_name: string | null; // as the LAS wrote it
  las_instructed: number | null; // 0/1
  funded_school_type: number | null; // 0/1
  source: string;
  updated_at: string;
}

/** Whether the board has an agreement with the Nummervoorziening; set by the operator or a board admin. */
export interface EckidBoardAgreementTable {
  board_id: number;
  agreement: number; // 0/1
  set_by: string;
  set_at: string;
}

/** One day's coverage of one school: the trend over the school year is a list of these. */
export interface EckidCoverageSnapshotTable {
  id: Generated<number>;
  school_id: number;
  board_id: number;
  day: string; // YYYY-MM-DD (Europe/Amsterdam)
  pupils: number;
  with_eckid: number;
  expected_without: number; // no ECK iD expected (unfunded school type)
  by_reason: string; // JSON { [ReasonCode]: count }
  taken_at: string;
}

export interface EckidReadinessTables {
  eckid_pupil_status: EckidPupilStatusTable;
  eckid_school_status: EckidSchoolStatusTable;
  eckid_board_agreements: EckidBoardAgreementTable;
  eckid_coverage_snapshots: EckidCoverageSnapshotTable;
}
