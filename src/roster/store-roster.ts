/**
 * SQL that reads a school's roster: the whole current state in one query, never one per
 * pupil. Every statement filters on the school (tenant scope).
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Database, GroupTable, LocationTable, PupilTable, StaffTable } from '../db/index.js';
import type { PupilRow, SchoolState, StaffRow } from './sync/state.js';

type Scope = { schoolId: number };

/** Owner id → group ids, from [owner id, group id] pairs. */
function groupIds(pairs: Array<[number, number]>): Map<number, number[]> {
  const byOwner = new Map<number, number[]>();
  for (const [owner, group] of pairs) {
    const list = byOwner.get(owner);
    if (list) list.push(group);
    else byOwner.set(owner, [group]);
  }
  return byOwner;
}

/** `columns`, checked to name every column of T: an unlisted one is reported as `missing`. */
const everyColumnOf = <T>() => <const L extends readonly (keyof T & string)[]>(
  columns: L & ([Exclude<keyof T, L[number]>] extends [never] ? unknown : { missing: Exclude<keyof T, L[number]> }),
): L => columns;

/**
 * Every column of the roster tables, in table order: a changed row is journalled whole (undo
 * puts it back), so none may be missing. A column added to a table but not here does not
 * compile (see `everyColumnOf`).
 */
const PERSON_COLUMNS = [
  'id', 'school_id', 'las_key', 'eckid', 'last_name', 'prefix', 'first_names', 'initials', 'nickname', 'active', 'deactivated_at',
  'created_import_id', 'updated_at',
] as const;
const COLUMNS = {
  locations: everyColumnOf<LocationTable>()(['id', 'school_id', 'las_key', 'name', 'description', 'active', 'created_import_id']),
  groups: everyColumnOf<GroupTable>()([
    'id', 'school_id', 'school_year', 'las_key', 'kind', 'name', 'year_group', 'description', 'active', 'created_import_id',
  ]),
  pupils: everyColumnOf<PupilTable>()([...PERSON_COLUMNS, 'birth_date', 'gender', 'year_group', 'group_id', 'location_id']),
  pupil_subgroups: ['pupil_id', 'group_id'],
  staff: everyColumnOf<StaffTable>()([...PERSON_COLUMNS, 'email', 'roles']),
  staff_groups: ['staff_id', 'group_id'],
} as const;
type RosterTableName = keyof typeof COLUMNS;

/** One table's rows of the school as a JSON array of arrays, built by the database. */
function rowsAsJson(db: Kysely<Database>, table: RosterTableName, schoolId: number) {
  const values = sql.join(COLUMNS[table].map((column) => sql.ref(column)));
  const aggregate: RawBuilder<string | unknown[][]> = db.getExecutor().adapter instanceof PostgresAdapter
    ? sql`coalesce(json_agg(json_build_array(${values})), '[]')`
    : sql`json_group_array(json_array(${values}))`;
  // Every roster table has school_id; Kysely cannot type a select from a table chosen at run time.
  return db.selectFrom(table as 'pupils').select(aggregate.as('rows')).where('school_id', '=', schoolId).as(table);
}

/** The JSON of one table: SQLite answers it as text, pg has parsed it already. */
const arraysOf = (json: unknown) => (typeof json === 'string' ? JSON.parse(json) : json) as unknown[][];

/** Arrays of values back into rows with the table's column names, in table order. */
function rowsOf<T extends RosterTableName>(json: unknown, table: T): Array<Selectable<Database[T]>> {
  const columns = COLUMNS[table];
  return arraysOf(json).map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
    return row as Selectable<Database[T]>;
  });
}

/**
 * The school's whole roster in one query (with the time of its last applied import): every
 * table's rows as one JSON array built by the database. A query costs far more in the drivers and Kysely than the database needs for a
 * school's rows, and so does building one driver object per row (5,000 pupils: ~6 ms as JSON,
 * ~16 ms as rows on SQLite). Row order does not matter to the diff (it follows the file).
 */
export async function loadSchoolState(db: Kysely<Database>, scope: Scope): Promise<SchoolState> {
  const { schoolId } = scope;
  const tables = Object.keys(COLUMNS) as RosterTableName[];
  const lastApplied = db.selectFrom('import_runs').select((eb) => eb.fn.max('applied_at').as('last')).where('school_id', '=', schoolId);
  const json = (await db
    .selectNoFrom([...tables.map((table) => rowsAsJson(db, table, schoolId)), lastApplied.as('last_applied_at')])
    .executeTakeFirstOrThrow()) as Record<RosterTableName, unknown> & { last_applied_at: string | null };
  const subgroupsOf = groupIds(arraysOf(json.pupil_subgroups) as Array<[number, number]>);
  const groupsOf = groupIds(arraysOf(json.staff_groups) as Array<[number, number]>);
  // Memberships are attached to the rows rather than copied into new objects.
  const pupils = rowsOf(json.pupils, 'pupils') as PupilRow[];
  for (const pupil of pupils) pupil.subgroup_ids = subgroupsOf.get(pupil.id) ?? [];
  const staff = rowsOf(json.staff, 'staff') as StaffRow[];
  for (const member of staff) member.group_ids = groupsOf.get(member.id) ?? [];
  return {
    schoolId, locations: rowsOf(json.locations, 'locations'), groups: rowsOf(json.groups, 'groups'), pupils, staff, lastAppliedAt: json.last_applied_at,
  };
}
