/**
 * SQL that reads a school's roster: the whole current state in six queries, never one per
 * pupil. Every statement filters on the school (tenant scope).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { PupilRow, SchoolState, StaffRow } from './sync/state.js';

type Scope = { schoolId: number };

/**
 * Parameters per statement. SQLite allows 32,766 bound parameters, PostgreSQL 65,535; staying
 * well below both keeps one chunking rule for both databases.
 */
const MAX_PARAMETERS = 30_000;
/** Larger statements gain nothing measurable and cost memory while compiling. */
const MAX_ROWS = 1_000;

export function chunked<T>(items: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupIds<K extends string>(rows: Array<Record<K, number> & { group_id: number }>, owner: K): Map<number, number[]> {
  const byOwner = new Map<number, number[]>();
  for (const row of rows) {
    const list = byOwner.get(row[owner]);
    if (list) list.push(row.group_id);
    else byOwner.set(row[owner], [row.group_id]);
  }
  return byOwner;
}

/** Row order does not matter to the diff (it follows the file), so no ORDER BY: sorting 10,000 rows costs more than reading them. */
export async function loadSchoolState(db: Kysely<Database>, scope: Scope): Promise<SchoolState> {
  const { schoolId } = scope;
  const [locations, groups, pupils, subgroups, staff, staffGroups] = await Promise.all([
    db.selectFrom('locations').selectAll().where('school_id', '=', schoolId).execute(),
    db.selectFrom('groups').selectAll().where('school_id', '=', schoolId).execute(),
    db.selectFrom('pupils').selectAll().where('school_id', '=', schoolId).execute(),
    db.selectFrom('pupil_subgroups').select(['pupil_id', 'group_id']).where('school_id', '=', schoolId).execute(),
    db.selectFrom('staff').selectAll().where('school_id', '=', schoolId).execute(),
    db.selectFrom('staff_groups').select(['staff_id', 'group_id']).where('school_id', '=', schoolId).execute(),
  ]);
  const subgroupsOf = groupIds(subgroups, 'pupil_id');
  const groupsOf = groupIds(staffGroups, 'staff_id');
  // Memberships are attached to the rows the driver returned rather than copied into new
  // objects: copying 10,000 rows costs a third of the whole load.
  const withSubgroups = pupils as PupilRow[];
  for (const pupil of withSubgroups) pupil.subgroup_ids = subgroupsOf.get(pupil.id) ?? [];
  const withGroups = staff as StaffRow[];
  for (const member of withGroups) member.group_ids = groupsOf.get(member.id) ?? [];
  return { schoolId, locations, groups, pupils: withSubgroups, staff: withGroups };
}
