/**
 * What the EDEXML reader hands to the sync engine: the roster of one school for one school
 * year, as plain records with the line each came from. Only what Leerpoort keeps is here
 * (data minimisation): nationality, weight, postcode and the like are read past and never leave
 * the parser. The BSN or onderwijsnummer (`pgn`) is handed on only for the ECK iD request
 * pipeline, which seals it at once (docs/eckid-hpgn.md); the sync never stores it.
 */

export interface SourcePosition {
  /** 1-based line of the element's start tag in the file. */
  line: number;
}

export interface EdexSchool {
  schoolYear: string; // schooljaar, e.g. 2026-2027
  brin: string | null; // 4 characters (\d{2}[A-Z]{2}); null when the file names a Flemish instellingsnummer
  locationCode: string; // dependancecode; '00' when absent (the manual: 00 means the same as empty)
  schoolkey: string | null;
  instellingsnummer: string | null; // Flemish files only
  createdAt: string | null; // aanmaakdatum
  xsdVersion: string | null; // xsdversie as written in the file
  /** The school's ECK-status block (LeerpoortEckSchoolType in <toevoegingen>); see docs/eckid-readiness.md. */
  eckStatus?: EdexSchoolEckStatus;
}

/** LeerpoortEckSchoolType: which LAS, and whether it was told to fetch ECK iDs (values as written). */
export interface EdexSchoolEckStatus {
  lasProduct: string | null; // las_product
  eckidInstruction: string | null; // eckid_opdracht: ja | nee
  fundedSchoolType: string | null; // schoolsoort_bekostigd: ja | nee
}

/** LeerpoortEckLeerlingType: the pupil's enrolment and DUO-exchange status (values as written). */
export interface EdexPupilEckStatus {
  enrolment: string | null; // inschrijvingsstatus: aangemeld | ingeschreven
  funded: string | null; // bekostigd: ja | nee
  duoExchange: string | null; // duo_uitwisseling
  duoMessage: string | null; // duo_melding
}

export interface EdexLocation extends SourcePosition {
  key: string;
  name: string;
  description: string | null;
}

export interface EdexGroup extends SourcePosition {
  key: string;
  kind: 'group' | 'subgroup'; // groep (stamgroep) | samengestelde_groep
  name: string;
  yearGroup: string | null; // jaargroep, required for stamgroepen
  description: string | null;
}

export interface EdexPersonName {
  lastName: string | null; // achternaam
  prefix: string | null; // voorvoegsel
  firstNames: string | null; // voornamen
  initials: string | null; // voorletters-1
  nickname: string | null; // roepnaam
}

export interface EdexPupil extends SourcePosition, EdexPersonName {
  key: string;
  eckid: string | null;
  birthDate: string | null; // YYYY-MM-DD
  gender: string | null; // geslacht: 0 onbekend, 1 man, 2 vrouw, 9 niet gespecificeerd
  yearGroup: string | null;
  groupKey: string | null; // the one stamgroep
  subgroupKeys: string[]; // samengestelde groepen
  locationKey: string | null;
  /** BSN (sofinummer counts as BSN) or onderwijsnummer: only for requesting an ECK iD, never stored. */
  pgn?: EdexPgn;
  /** The pupil's ECK-status block (LeerpoortEckLeerlingType in <toevoegingen>), when the LAS sent one. */
  eckStatus?: EdexPupilEckStatus;
}

/** A persoonsgebonden nummer as the file gives it (nine digits). */
export interface EdexPgn {
  kind: 'bsn' | 'onderwijsnummer';
  value: string;
}

export interface EdexStaffGroupRef {
  key: string;
  kind: 'group' | 'subgroup';
}

export interface EdexStaff extends SourcePosition, EdexPersonName {
  key: string;
  eckid: string | null;
  email: string | null;
  roles: string[]; // EDEX rol codes (e.g. LEERKRACHT, TAL) and rolomschrijving texts
  groups: EdexStaffGroupRef[];
}

export interface EdexRoster {
  /** '2.0' or '2.1': 2.1 when the file says so or uses eckid attributes. */
  version: '2.0' | '2.1';
  school: EdexSchool;
  locations: EdexLocation[];
  groups: EdexGroup[];
  pupils: EdexPupil[];
  staff: EdexStaff[];
}

/** A problem found in a file, for people (Dutch message) and machines (code). */
export interface FileProblem {
  severity: 'error' | 'warning';
  code: string; // stable, e.g. edexml.required_element
  message: string; // Dutch, names element, key and line
  line: number | null;
  element: string | null;
  key: string | null;
}

export type ReadResult =
  | { ok: true; roster: EdexRoster; warnings: FileProblem[] }
  | { ok: false; errors: FileProblem[]; warnings: FileProblem[] };
