/**
 * The sync engine's writing half: carries out a plan inside the caller's transaction and
 * journals the before-state of every row it updates or deactivates, so the import can be
 * undone exactly. Rows it adds carry `created_import_id` instead. Only rows that change are
 * written; an unchanged file writes nothing here.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database, ImportChangeTable } from '../../db/index.js';
import { insertJournal } from '../store-imports.js';
import {
  deactivateRows, deleteMemberships, insertGroups, insertLocations, insertMemberships, insertPupils, insertStaff, updateRow,
  type MembershipTable, type RosterTable,
} from '../store-roster-write.js';
import type { KindPlan, PupilValues, SchoolState, StaffValues, SyncPlan } from './state.js';

/** Key → id. The reader only lets through references that resolve, so a miss is a bug, not bad input. */
function idOf(ids: Map<string, number>, what: string) {
  return (key: string): number => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`Sync plan refers to unknown ${what} "${key}"`);
    return id;
  };
}

const orNull = (resolve: (key: string) => number) => (key: string | null) => (key === null ? null : resolve(key));

type Scope = { schoolId: number };

function addAll(target: Map<string, number>, source: Map<string, number>): void {
  for (const [key, id] of source) target.set(key, id);
}

function journalRows(importId: number, entity: ImportChangeTable['entity'], plan: KindPlan<{ id: number }, unknown>): Array<Insertable<ImportChangeTable>> {
  return [
    ...plan.update.map(({ before }) => ({ import_id: importId, entity, entity_id: before.id, change: 'updated' as const, before: JSON.stringify(before) })),
    ...plan.deactivate.map((row) => ({ import_id: importId, entity, entity_id: row.id, change: 'deactivated' as const, before: JSON.stringify(row) })),
  ];
}

interface KindWriter<Row extends { id: number }, Values> {
  table: RosterTable;
  plan: KindPlan<Row, Values>;
  insert(rows: Values[]): Promise<Map<string, number>>;
  update(id: number, values: Values): Promise<void>;
}

/** Inserts, updates and deactivates one kind of row; returns LAS key → id of the rows it added. */
async function writeKind<Row extends { id: number }, Values>(db: Kysely<Database>, scope: Scope, now: string, writer: KindWriter<Row, Values>) {
  const added = await writer.insert(writer.plan.insert);
  for (const { before, values } of writer.plan.update) await writer.update(before.id, values);
  await deactivateRows(db, scope, writer.table, writer.plan.deactivate.map((row) => row.id), now);
  return added;
}

/** Memberships of added people, and the rewritten set of updated people whose memberships changed. */
async function writeMemberships<Row extends { id: number }, Values extends { las_key: string }>(
  db: Kysely<Database>,
  scope: Scope,
  table: MembershipTable,
  args: { plan: KindPlan<Row, Values>; added: Map<string, number>; groupKeys: (values: Values) => string[]; groupId: (key: string) => number },
) {
  const { plan, groupKeys, groupId } = args;
  const addedId = idOf(args.added, 'added person');
  const rewritten = plan.update.filter((update) => update.membershipsChanged);
  await deleteMemberships(db, scope, table, rewritten.map((update) => update.before.id));
  await insertMemberships(db, scope, table, [
    ...plan.insert.flatMap((values) => groupKeys(values).map((key): [number, number] => [addedId(values.las_key), groupId(key)])),
    ...rewritten.flatMap(({ before, values }) => groupKeys(values).map((key): [number, number] => [before.id, groupId(key)])),
  ]);
}

export async function applyPlan(db: Kysely<Database>, state: SchoolState, plan: SyncPlan, importId: number, now: string): Promise<void> {
  const scope = { schoolId: plan.schoolId };
  const created = { school_id: plan.schoolId, created_import_id: importId };

  // Structure first: people refer to vestigingen and groups by id.
  const locationIds = new Map(state.locations.map((row) => [row.las_key, row.id]));
  const addedLocations = await writeKind(db, scope, now, {
    table: 'locations',
    plan: plan.locations,
    insert: (rows) => insertLocations(db, rows.map((values) => ({ ...values, ...created, active: 1 }))),
    update: (id, values) => updateRow(db, scope, 'locations', id, { ...values, active: 1 }),
  });
  addAll(locationIds, addedLocations);

  const groupIds = new Map(state.groups.filter((row) => row.school_year === plan.schoolYear).map((row) => [row.las_key, row.id]));
  const addedGroups = await writeKind(db, scope, now, {
    table: 'groups',
    plan: plan.groups,
    insert: (rows) => insertGroups(db, rows.map((values) => ({ ...values, school_year: plan.schoolYear, ...created, active: 1 }))),
    update: (id, values) => updateRow(db, scope, 'groups', id, { ...values, active: 1 }),
  });
  addAll(groupIds, addedGroups);

  const groupId = idOf(groupIds, 'group');
  const groupOrNull = orNull(groupId);
  const locationOrNull = orNull(idOf(locationIds, 'vestiging'));

  // Written out rather than spread: this runs once per pupil, and object spreads and rests
  // cost several times more than a literal.
  const pupilColumns = (v: PupilValues) => ({
    las_key: v.las_key, eckid: v.eckid, last_name: v.last_name, prefix: v.prefix, first_names: v.first_names, initials: v.initials,
    nickname: v.nickname, birth_date: v.birth_date, gender: v.gender, year_group: v.year_group,
    group_id: groupOrNull(v.groupKey), location_id: locationOrNull(v.locationKey),
    active: 1, deactivated_at: null, updated_at: now,
  });
  const addedPupils = await writeKind(db, scope, now, {
    table: 'pupils',
    plan: plan.pupils,
    insert: (rows) => insertPupils(db, rows.map((values) => Object.assign(pupilColumns(values), created))),
    update: (id, values) => updateRow(db, scope, 'pupils', id, pupilColumns(values)),
  });
  await writeMemberships(db, scope, 'pupil_subgroups', { plan: plan.pupils, added: addedPupils, groupKeys: (values) => values.subgroupKeys, groupId });

  const staffColumns = ({ groupKeys: _, ...values }: StaffValues) => ({ ...values, active: 1, deactivated_at: null, updated_at: now });
  const addedStaff = await writeKind(db, scope, now, {
    table: 'staff',
    plan: plan.staff,
    insert: (rows) => insertStaff(db, rows.map((values) => ({ ...staffColumns(values), ...created }))),
    update: (id, values) => updateRow(db, scope, 'staff', id, staffColumns(values)),
  });
  await writeMemberships(db, scope, 'staff_groups', { plan: plan.staff, added: addedStaff, groupKeys: (values) => values.groupKeys, groupId });

  await insertJournal(db, [
    ...journalRows(importId, 'location', plan.locations),
    ...journalRows(importId, 'group', plan.groups),
    ...journalRows(importId, 'pupil', plan.pupils),
    ...journalRows(importId, 'staff', plan.staff),
  ]);
}
