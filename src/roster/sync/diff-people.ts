/**
 * Diff of pupils and staff. People the file no longer names are deactivated, never deleted;
 * a deactivated person the file names again is reactivated. The preview lines carry names
 * and the Dutch names of changed fields — never an ECK iD or any other identifying number.
 */
import type { EdexPersonName, EdexPupil, EdexStaff } from '../edexml/model.js';
import type { PersonChange, PupilCounts } from '../types.js';
import { changedFields, fieldName, pupilFields, sameIds, staffFields } from './fields.js';
import { matchPeople } from './match.js';
import type { References } from './references.js';
import type { KindPlan, PupilRow, PupilValues, StaffRow, StaffValues } from './state.js';

/** "Gradje van 't Hof": roepnaam (else voornamen, else voorletters), voorvoegsel, achternaam. */
function joinName(given: string | null, prefix: string | null, last: string | null): string {
  return [given, prefix, last].filter((part) => part).join(' ');
}

const recordName = (p: EdexPersonName) => joinName(p.nickname ?? p.firstNames ?? p.initials, p.prefix, p.lastName);
const rowName = (p: PupilRow | StaffRow) => joinName(p.nickname ?? p.first_names ?? p.initials, p.prefix, p.last_name);

/** Without repeats; most people have zero or one, which need no Set. */
const unique = (keys: string[]): string[] => (keys.length < 2 ? keys : [...new Set(keys)]);

/** Ids of the referenced groups, or null when one of them is added by this import (so: changed). */
function resolveAll(keys: string[], refs: References): number[] | null {
  if (keys.length === 0) return [];
  const ids: number[] = [];
  for (const key of keys) {
    const id = refs.groupId(key);
    if (id === undefined || id === null) return null;
    ids.push(id);
  }
  return ids;
}

function pupilValues(pupil: EdexPupil): PupilValues {
  return {
    las_key: pupil.key,
    eckid: pupil.eckid,
    last_name: pupil.lastName,
    prefix: pupil.prefix,
    first_names: pupil.firstNames,
    initials: pupil.initials,
    nickname: pupil.nickname,
    birth_date: pupil.birthDate,
    gender: pupil.gender,
    year_group: pupil.yearGroup,
    groupKey: pupil.groupKey,
    locationKey: pupil.locationKey,
    subgroupKeys: unique(pupil.subgroupKeys),
  };
}

interface Comparison {
  fields: string[];
  membershipsChanged: boolean;
  moved: boolean;
}

interface PersonKind<Row, Rec, Values> {
  values(record: Rec): Values;
  compare(row: Row, values: Values): Comparison;
  /** Stamgroep before and after, for the preview line (pupils only). */
  groups(row: Row | null, values: Values | null): Pick<PersonChange, 'fromGroup' | 'toGroup'>;
}

function diffPeople<Row extends PupilRow | StaffRow, Rec extends EdexPupil | EdexStaff, Values extends { las_key: string }>(
  rows: Row[],
  file: Rec[],
  kind: PersonKind<Row, Rec, Values>,
) {
  const plan: KindPlan<Row, Values> = { insert: [], update: [], deactivate: [] };
  const counts: PupilCounts = { added: 0, updated: 0, deactivated: 0, unchanged: 0, moved: 0 };
  const changes: PersonChange[] = [];
  const { matches, unmatched } = matchPeople(rows, file);
  for (const { record, row } of matches) {
    const values = kind.values(record);
    if (!row) {
      plan.insert.push(values);
      counts.added++;
      changes.push({ kind: 'added', lasKey: values.las_key, displayName: recordName(record), fields: [], ...kind.groups(null, values) });
      continue;
    }
    const { fields, membershipsChanged, moved } = kind.compare(row, values);
    const reactivated = row.active !== 1;
    if (fields.length === 0 && !reactivated) {
      counts.unchanged++;
      continue;
    }
    plan.update.push({ before: row, values, membershipsChanged });
    counts.updated++;
    if (moved && !reactivated) counts.moved++;
    const change = reactivated ? 'reactivated' : moved ? 'moved' : 'updated';
    changes.push({ kind: change, lasKey: values.las_key, displayName: recordName(record), fields, ...kind.groups(row, values) });
  }
  for (const row of unmatched) {
    if (row.active !== 1) continue;
    plan.deactivate.push(row);
    changes.push({ kind: 'deactivated', lasKey: row.las_key, displayName: rowName(row), fields: [], ...kind.groups(row, null) });
  }
  counts.deactivated = plan.deactivate.length;
  return { plan, counts, changes };
}

export function diffPupils(rows: PupilRow[], file: EdexPupil[], refs: References) {
  return diffPeople(rows, file, {
    values: pupilValues,
    compare(row, values) {
      const fields = changedFields(row, values, pupilFields);
      const moved = refs.groupId(values.groupKey) !== row.group_id;
      if (moved) fields.push(fieldName.group);
      if (refs.locationId(values.locationKey) !== row.location_id) fields.push(fieldName.location);
      const subgroupIds = resolveAll(values.subgroupKeys, refs);
      const membershipsChanged = subgroupIds === null || !sameIds(subgroupIds, row.subgroup_ids);
      if (membershipsChanged) fields.push(fieldName.subgroups);
      return { fields, membershipsChanged, moved };
    },
    groups: (row, values) => ({
      ...(row && { fromGroup: refs.storedGroupName(row.group_id) }),
      ...(values && { toGroup: refs.fileGroupName(values.groupKey) }),
    }),
  });
}

function staffValues(staff: EdexStaff): StaffValues {
  return {
    las_key: staff.key,
    eckid: staff.eckid,
    last_name: staff.lastName,
    prefix: staff.prefix,
    first_names: staff.firstNames,
    initials: staff.initials,
    nickname: staff.nickname,
    email: staff.email,
    roles: JSON.stringify([...new Set(staff.roles)].sort()),
    groupKeys: unique(staff.groups.map((group) => group.key)),
  };
}

export function diffStaff(rows: StaffRow[], file: EdexStaff[], refs: References) {
  const { plan, counts: { moved: _, ...counts }, changes } = diffPeople(rows, file, {
    values: staffValues,
    compare(row, values) {
      const fields = changedFields(row, values, staffFields);
      const groupIds = resolveAll(values.groupKeys, refs);
      const membershipsChanged = groupIds === null || !sameIds(groupIds, row.group_ids);
      if (membershipsChanged) fields.push(fieldName.staffGroups);
      return { fields, membershipsChanged, moved: false };
    },
    groups: () => ({}),
  });
  return { plan, counts, changes };
}
