/**
 * Writes a roster as an EDEXML file laid out like the official example (EDEXML.Voorbeeld.2.1.xml):
 * one element per line, tab-indented, elements in the order of EDEXML.elementen.xsd. A generated
 * roster validates against EDEXML.structuur.xsd, except that school years after 2024-2025 are
 * written as given (the official enumeration stops there; real files say 2026-2027).
 */
import type { EdexGroup, EdexLocation, EdexPersonName, EdexPupil, EdexRoster, EdexStaff } from '../edexml/model.js';

export interface WriteEdexmlOptions {
  encoding?: 'UTF-8' | 'ISO-8859-1';
  /** Start a UTF-8 file with a byte order mark, as some LAS exports do. */
  bom?: boolean;
}

/** The roster as written, with the pupil's BSN when the roster carries one (a LAS export does). */
type WritableRoster = Omit<EdexRoster, 'pupils'> & { pupils: Array<EdexPupil & { bsn?: string | null }> };

/** EDEXLeerkrachtRolType: any other role text is written as <rolomschrijving>. */
const ROLE_CODES = new Set(['ADJ', 'ADM', 'CON', 'DIR', 'ICT', 'IB', 'KLA', 'LRK', 'LOS', 'LOC', 'OWA', 'OUD', 'RT', 'SMW', 'STA', 'TAL', 'VAK']);

// Characters XML 1.0 cannot hold at all, not even as a character reference; and lone surrogates.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTRIBUTE_SPECIALS = /[&<>"\t\n\r]/g;
const BEYOND_LATIN1 = /[^\u0000-\u00FF]/gu;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Line numbers (1-based) of each record's start tag, in roster order: what a reader reports as `line`. */
export interface WrittenLines {
  locations: number[];
  groups: number[];
  pupils: number[];
  staff: number[];
}

class EdexmlText {
  readonly lines: string[] = [];

  constructor(private readonly latin1: boolean) {}

  /** Pushes `<name attrs>` and returns its line number. */
  open(depth: number, name: string, attributes: Record<string, string | null> = {}): number {
    this.lines.push(`${'\t'.repeat(depth)}<${name}${this.attributes(attributes)}>`);
    return this.lines.length;
  }

  close(depth: number, name: string): void {
    this.lines.push(`${'\t'.repeat(depth)}</${name}>`);
  }

  empty(depth: number, name: string, attributes: Record<string, string | null>): void {
    this.lines.push(`${'\t'.repeat(depth)}<${name}${this.attributes(attributes)}/>`);
  }

  /** `<name>value</name>`; nothing when the value is absent (the element is optional then). */
  leaf(depth: number, name: string, value: string | null | undefined): void {
    if (value === null || value === undefined) return;
    this.lines.push(`${'\t'.repeat(depth)}<${name}>${this.escape(value, TEXT_SPECIALS)}</${name}>`);
  }

  private attributes(attributes: Record<string, string | null>): string {
    let text = '';
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null) text += ` ${name}="${this.escape(value, ATTRIBUTE_SPECIALS)}"`;
    }
    return text;
  }

  private escape(value: string, specials: RegExp): string {
    if (NOT_XML.test(value)) throw new Error(`writeEdexml: ${JSON.stringify(value)} holds a character XML 1.0 cannot contain`);
    const escaped = value.replace(specials, (char) => ENTITY[char]);
    // Latin-1 cannot encode "ı" or "ễ"; a character reference carries them losslessly in any encoding.
    return this.latin1 ? escaped.replace(BEYOND_LATIN1, (char) => `&#${char.codePointAt(0)};`) : escaped;
  }
}

function writeName(out: EdexmlText, person: EdexPersonName, what: string): void {
  if (person.lastName === null) {
    // LeerlingType/LeerkrachtType: without an achternaam the roepnaam alone is required.
    if (person.nickname === null) throw new Error(`writeEdexml: ${what} has neither achternaam nor roepnaam`);
    out.leaf(3, 'roepnaam', person.nickname);
    return;
  }
  out.leaf(3, 'achternaam', person.lastName);
  out.leaf(3, 'voorvoegsel', person.prefix);
  out.leaf(3, 'voornamen', person.firstNames);
  out.leaf(3, 'voorletters-1', person.initials);
  out.leaf(3, 'roepnaam', person.nickname);
}

function writeSchool(out: EdexmlText, roster: WritableRoster): void {
  const { school } = roster;
  out.open(1, 'school');
  out.leaf(2, 'schooljaar', school.schoolYear);
  if (school.brin !== null) {
    out.leaf(2, 'brincode', school.brin);
    out.leaf(2, 'dependancecode', school.locationCode);
  } else {
    out.leaf(2, 'instellingsnummer', school.instellingsnummer);
  }
  out.leaf(2, 'schoolkey', school.schoolkey);
  out.leaf(2, 'aanmaakdatum', school.createdAt);
  out.leaf(2, 'xsdversie', school.xsdVersion);
  if (school.eckStatus) {
    // Leerpoort's ECK-status block (docs/eckid-readiness.md).
    const status = school.eckStatus;
    out.open(2, 'toevoegingen');
    out.open(3, 'blok', { 'xsi:type': 'LeerpoortEckSchoolType' });
    out.leaf(4, 'code', 'leerpoort.eckstatus.1');
    out.leaf(4, 'las_product', status.lasProduct);
    out.leaf(4, 'eckid_opdracht', status.eckidInstruction);
    out.leaf(4, 'schoolsoort_bekostigd', status.fundedSchoolType);
    out.close(3, 'blok');
    out.close(2, 'toevoegingen');
  }
  out.close(1, 'school');
}

function writeLocation(out: EdexmlText, location: EdexLocation): number {
  const line = out.open(2, 'vestiging', { key: location.key });
  out.leaf(3, 'naam', location.name);
  out.leaf(3, 'omschrijving', location.description);
  out.close(2, 'vestiging');
  return line;
}

function writeGroup(out: EdexmlText, group: EdexGroup): number {
  const element = group.kind === 'group' ? 'groep' : 'samengestelde_groep';
  const line = out.open(2, element, { key: group.key });
  out.leaf(3, 'naam', group.name);
  if (group.kind === 'group') {
    if (group.yearGroup === null) throw new Error(`writeEdexml: stamgroep ${group.key} has no jaargroep (GroepType requires one)`);
    out.leaf(3, 'jaargroep', group.yearGroup);
  }
  out.leaf(3, 'omschrijving', group.description);
  out.close(2, element);
  return line;
}

function writePupil(out: EdexmlText, pupil: WritableRoster['pupils'][number], version: string): number {
  if (pupil.eckid !== null && version === '2.0') throw new Error(`writeEdexml: leerling ${pupil.key} has an eckid, which EDEXML 2.0 does not have`);
  const line = out.open(2, 'leerling', { key: pupil.key, eckid: pupil.eckid });
  writeName(out, pupil, `leerling ${pupil.key}`);
  out.leaf(3, 'geboortedatum', pupil.birthDate);
  out.leaf(3, 'geslacht', pupil.gender);
  out.leaf(3, 'jaargroep', pupil.yearGroup);
  if (pupil.groupKey !== null) out.empty(3, 'groep', { key: pupil.groupKey });
  if (pupil.subgroupKeys.length > 0) {
    out.open(3, 'samengestelde_groepen');
    for (const key of pupil.subgroupKeys) out.empty(4, 'samengestelde_groep', { key });
    out.close(3, 'samengestelde_groepen');
  }
  if (pupil.locationKey !== null) out.empty(3, 'vestiging', { key: pupil.locationKey });
  out.leaf(3, 'bsn', pupil.bsn);
  if (pupil.eckStatus) {
    // Leerpoort's ECK-status block (docs/eckid-readiness.md).
    const status = pupil.eckStatus;
    out.open(3, 'toevoegingen');
    out.open(4, 'blok', { 'xsi:type': 'LeerpoortEckLeerlingType' });
    out.leaf(5, 'code', 'leerpoort.eckstatus.1');
    out.leaf(5, 'inschrijvingsstatus', status.enrolment);
    out.leaf(5, 'bekostigd', status.funded);
    out.leaf(5, 'duo_uitwisseling', status.duoExchange);
    out.leaf(5, 'duo_melding', status.duoMessage);
    out.close(4, 'blok');
    out.close(3, 'toevoegingen');
  }
  out.close(2, 'leerling');
  return line;
}

function writeStaff(out: EdexmlText, staff: EdexStaff, version: string): number {
  if (staff.eckid !== null && version === '2.0') throw new Error(`writeEdexml: leerkracht ${staff.key} has an eckid, which EDEXML 2.0 does not have`);
  const line = out.open(2, 'leerkracht', { key: staff.key, eckid: staff.eckid });
  writeName(out, staff, `leerkracht ${staff.key}`);
  out.leaf(3, 'emailadres', staff.email);
  for (const role of staff.roles) out.leaf(3, ROLE_CODES.has(role) ? 'rol' : 'rolomschrijving', role);
  if (staff.groups.length > 0) {
    out.open(3, 'groepen');
    for (const group of staff.groups) out.empty(4, group.kind === 'group' ? 'groep' : 'samengestelde_groep', { key: group.key });
    out.close(3, 'groepen');
  }
  out.close(2, 'leerkracht');
  return line;
}

function render(roster: WritableRoster, encoding: 'UTF-8' | 'ISO-8859-1'): { out: EdexmlText; lines: WrittenLines } {
  const out = new EdexmlText(encoding === 'ISO-8859-1');
  const lines: WrittenLines = { locations: [], groups: [], pupils: [], staff: [] };
  out.lines.push(`<?xml version="1.0" encoding="${encoding}"?>`);
  // As in the official example and most LAS exports; readers must not fetch the schema it names.
  out.open(0, 'EDEX', { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:noNamespaceSchemaLocation': 'EDEXML.structuur.xsd' });
  writeSchool(out, roster);
  if (roster.locations.length > 0) {
    out.open(1, 'vestigingen');
    for (const location of roster.locations) lines.locations.push(writeLocation(out, location));
    out.close(1, 'vestigingen');
  }
  if (roster.groups.length > 0) {
    out.open(1, 'groepen');
    for (const group of roster.groups) lines.groups.push(writeGroup(out, group));
    out.close(1, 'groepen');
  }
  // <leerlingen> is required and needs one leerling; an empty one is what a broken LAS export
  // looks like, so it is written as such (readers must refuse it) rather than left out.
  out.open(1, 'leerlingen');
  for (const pupil of roster.pupils) lines.pupils.push(writePupil(out, pupil, roster.version));
  out.close(1, 'leerlingen');
  if (roster.staff.length > 0) {
    out.open(1, 'leerkrachten');
    for (const member of roster.staff) lines.staff.push(writeStaff(out, member, roster.version));
    out.close(1, 'leerkrachten');
  }
  out.close(0, 'EDEX');
  return { out, lines };
}

export function writeEdexml(roster: WritableRoster, options: WriteEdexmlOptions = {}): Buffer {
  const encoding = options.encoding ?? 'UTF-8';
  if (options.bom && encoding !== 'UTF-8') throw new Error('writeEdexml: a byte order mark only exists for UTF-8');
  const text = render(roster, encoding).out.lines.join('\n') + '\n';
  if (encoding === 'ISO-8859-1') return Buffer.from(text, 'latin1');
  return Buffer.from(options.bom ? `\uFEFF${text}` : text, 'utf8');
}

/** Where each record's start tag lands in the written file (the same for every encoding and BOM). */
export function writtenLines(roster: WritableRoster): WrittenLines {
  return render(roster, 'UTF-8').lines;
}
