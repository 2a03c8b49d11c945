/**
 * What Leerpoort knows about why a pupil may lack an ECK iD: the facts the LAS delivers
 * (EDEXML `toevoegingen` block LeerpoortEckLeerlingType / LeerpoortEckSchoolType, or the JSON
 * status channel) and the board's agreement with the Nummervoorziening, set by a person.
 * Every fact may be unknown (null): an old export, a LAS that sends nothing. Format and
 * meaning: docs/eckid-readiness.md.
 */

/** inschrijvingsstatus: aangemeld = registered (intake), ingeschreven = enrolled. */
export const enrolmentValues = ['aangemeld', 'ingeschreven'] as const;
export type Enrolment = (typeof enrolmentValues)[number];

/** duo_uitwisseling: where the enrolment stands in the exchange with DUO (BRON/ROD). */
export const duoExchangeValues = ['niet_uitgewisseld', 'uitgewisseld', 'terugkoppeling_opgehaald', 'fout'] as const;
export type DuoExchange = (typeof duoExchangeValues)[number];

/** The LAS products whose ECK iD step Leerpoort can name; anything else is 'overig'. */
export const lasProductValues = ['parnassys', 'esis', 'dotcom', 'topicus', 'unilogic', 'overig'] as const;
export type LasProduct = (typeof lasProductValues)[number];

export interface PupilEckFacts {
  enrolment: Enrolment | null;
  funded: boolean | null; // bekostigd
  duoExchange: DuoExchange | null;
  /** DUO's own message with an exchange error (fout), e.g. "BSN onbekend bij BRP". */
  duoMessage: string | null;
}

export interface SchoolEckFacts {
  lasProduct: LasProduct | null;
  /** The LAS has been told (by the school) to fetch ECK iDs from the Nummervoorziening. */
  lasInstructed: boolean | null; // eckid_opdracht
  /** The school type is funded by OCW (bekostigd); on an unfunded school no ECK iD is expected. */
  fundedSchoolType: boolean | null; // schoolsoort_bekostigd
}

export interface BoardEckFacts {
  /** The board has signed the agreement with the Nummervoorziening (set by operator or board admin). */
  numberServiceAgreement: boolean | null;
}

export const noPupilFacts: PupilEckFacts = { enrolment: null, funded: null, duoExchange: null, duoMessage: null };
export const noSchoolFacts: SchoolEckFacts = { lasProduct: null, lasInstructed: null, fundedSchoolType: null };

/** ja/nee as EDEXML extension values and the JSON channel write them. */
export function yesNo(value: string | null | undefined): boolean | null {
  if (value === 'ja') return true;
  if (value === 'nee') return false;
  return null;
}

/** A LAS product as written by a LAS ("ParnasSys", "SchoolOAS", …) mapped onto the known list. */
export function lasProductOf(raw: string | null | undefined): LasProduct | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const name = raw.trim().toLowerCase().replace(/[^a-z]/g, '');
  if (name.startsWith('parnassys')) return 'parnassys';
  if (name.startsWith('esis')) return 'esis';
  if (name.includes('dotcom') || name.includes('schooloas')) return 'dotcom';
  if (name.startsWith('topicus') || name.startsWith('somtoday')) return 'topicus';
  if (name.startsWith('unilogic')) return 'unilogic';
  return 'overig';
}
