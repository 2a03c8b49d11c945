/**
 * Builds the EdexRoster record by record as the walker reports elements with a capture
 * (schema.ts). Only the fields of model.ts are kept; nothing else of the file reaches here.
 */
import { IdentityIndex } from './identity.js';
import type { EdexGroup, EdexLocation, EdexPupil, EdexRoster, EdexSchool, EdexStaff } from './model.js';
import type { ProblemLog } from './problems.js';
import type { ElementDecl } from './schema-types.js';

/** Pupils without a stamgroep named one by one; beyond this, one line counts the rest. */
const LISTED_PUPILS_WITHOUT_GROUP = 10;

type Current =
  | { kind: 'location'; record: EdexLocation }
  | { kind: 'group' | 'subgroup'; record: EdexGroup }
  | { kind: 'pupil'; record: EdexPupil }
  | { kind: 'staff'; record: EdexStaff };

const noName = { lastName: null, prefix: null, firstNames: null, initials: null, nickname: null };

export class RosterBuilder {
  private readonly school: EdexSchool = {
    schoolYear: '', brin: null, locationCode: '00', schoolkey: null, instellingsnummer: null, createdAt: null, xsdVersion: null,
  };
  private readonly locations: EdexLocation[] = [];
  private readonly groups: EdexGroup[] = [];
  private readonly pupils: EdexPupil[] = [];
  private readonly staff: EdexStaff[] = [];
  private readonly identity: IdentityIndex;
  private current: Current | null = null;
  private sawEckid = false;

  constructor(private readonly log: ProblemLog, private readonly options: { personalNumbers: boolean } = { personalNumbers: false }) {
    this.identity = new IdentityIndex(log);
  }

  /** A record or reference element opened; `attributes` holds its valid key / eckid. */
  open(decl: ElementDecl, attributes: ReadonlyMap<string, string>, line: number): void {
    const capture = decl.capture;
    const key = attributes.get('key');
    if (capture?.to === 'record') {
      const eckid = attributes.get('eckid') ?? null;
      if (eckid !== null) this.sawEckid = true;
      this.current = this.newRecord(capture.record, key ?? '', eckid, line);
      if (key !== undefined) this.identity.key(capture.record, decl.name, key, line);
      if (eckid !== null && key !== undefined && (capture.record === 'pupil' || capture.record === 'staff')) {
        this.identity.eckid(capture.record, eckid, key, line);
      }
    } else if (capture?.to === 'reference' && key !== undefined) {
      this.addReference(capture.target, decl.name, key, line);
    }
  }

  private newRecord(kind: Current['kind'], key: string, eckid: string | null, line: number): Current {
    switch (kind) {
      case 'location':
        return { kind, record: { key, line, name: '', description: null } };
      case 'group':
      case 'subgroup':
        return { kind, record: { key, line, kind, name: '', yearGroup: null, description: null } };
      case 'pupil':
        return { kind, record: {
          key, line, eckid, ...noName, birthDate: null, gender: null, yearGroup: null, groupKey: null, subgroupKeys: [], locationKey: null,
        } };
      case 'staff':
        return { kind, record: { key, line, eckid, ...noName, email: null, roles: [], groups: [] } };
    }
  }

  private addReference(target: 'group' | 'subgroup' | 'location', element: string, key: string, line: number): void {
    const current = this.current;
    if (current?.kind === 'pupil') {
      const pupil = current.record;
      if (target === 'group') pupil.groupKey = key;
      else if (target === 'location') pupil.locationKey = key;
      else if (!pupil.subgroupKeys.includes(key)) pupil.subgroupKeys.push(key);
    } else if (current?.kind === 'staff' && target !== 'location') {
      const staff = current.record;
      if (!staff.groups.some((group) => group.key === key && group.kind === target)) staff.groups.push({ key, kind: target });
    } else {
      return;
    }
    this.identity.reference({ from: current.kind, fromKey: current.record.key, target, element, key, line });
  }

  /** A valid value of a simple element. */
  value(decl: ElementDecl, value: string): void {
    const capture = decl.capture;
    const current = this.current;
    if (capture === undefined) return;
    if (capture.to === 'school') {
      this.school[capture.field] = value;
    } else if (capture.to === 'person' && (current?.kind === 'pupil' || current?.kind === 'staff')) {
      current.record[capture.field] = value;
    } else if (capture.to === 'pupil' && current?.kind === 'pupil') {
      // Keep a birth date as YYYY-MM-DD even when the file adds a time zone (xs:date allows one).
      current.record[capture.field] = capture.field === 'birthDate' && value.length > 10 ? value.replace(/(Z|[+-]\d\d:\d\d)$/, '') : value;
    } else if (capture.to === 'staff' && current?.kind === 'staff') {
      current.record.email = value;
    } else if (capture.to === 'role' && current?.kind === 'staff') {
      if (!current.record.roles.includes(value)) current.record.roles.push(value);
    } else if (capture.to === 'group' && (current?.kind === 'group' || current?.kind === 'subgroup')) {
      current.record[capture.field] = value;
    } else if (capture.to === 'location' && current?.kind === 'location') {
      current.record[capture.field] = value;
    } else if (capture.to === 'pgn' && current?.kind === 'pupil' && this.options.personalNumbers) {
      current.record.pgn = { kind: capture.kind, value };
    } else if (capture.to === 'eckPupil' && current?.kind === 'pupil') {
      (current.record.eckStatus ??= { enrolment: null, funded: null, duoExchange: null, duoMessage: null })[capture.field] = value;
    } else if (capture.to === 'eckSchool' && current === null) {
      // Only the <school>'s own block: elsewhere (a group, a teacher) it says nothing about the school.
      (this.school.eckStatus ??= { lasProduct: null, eckidInstruction: null, fundedSchoolType: null })[capture.field] = value;
    }
  }

  /** A record element closed: it is complete. */
  close(decl: ElementDecl): void {
    if (decl.capture?.to !== 'record' || this.current === null) return;
    const current = this.current;
    if (current.kind === 'location') this.locations.push(current.record);
    else if (current.kind === 'pupil') this.pupils.push(current.record);
    else if (current.kind === 'staff') this.staff.push(current.record);
    else this.groups.push(current.record);
    this.current = null;
  }

  /** After the whole file: resolve references, add the warnings, hand over the roster. */
  finish(): EdexRoster {
    this.identity.resolveReferences();
    const nowhere = { line: null, element: null, key: null };
    if (this.school.xsdVersion === null) {
      this.log.warning('edexml.version_missing',
        'Het bestand noemt geen <xsdversie>; het wordt gelezen als EDEXML 2.0/2.1.', { ...nowhere, element: 'xsdversie' });
    }
    const withoutGroup = this.pupils.filter((pupil) => pupil.groupKey === null);
    for (const pupil of withoutGroup.slice(0, LISTED_PUPILS_WITHOUT_GROUP)) {
      this.log.warning('edexml.pupil_without_group',
        `leerling met key '${pupil.key}' heeft geen stamgroep (<groep>) en komt in geen enkele groep.`,
        { line: pupil.line, element: 'leerling', key: pupil.key });
    }
    if (withoutGroup.length > LISTED_PUPILS_WITHOUT_GROUP) {
      this.log.warning('edexml.pupil_without_group',
        `Nog ${withoutGroup.length - LISTED_PUPILS_WITHOUT_GROUP} andere leerling(en) zonder stamgroep (<groep>).`, { ...nowhere, element: 'leerling' });
    }
    const version = this.sawEckid || (this.school.xsdVersion ?? '').trim().startsWith('2.1') ? '2.1' : '2.0';
    return { version, school: this.school, locations: this.locations, groups: this.groups, pupils: this.pupils, staff: this.staff };
  }
}
