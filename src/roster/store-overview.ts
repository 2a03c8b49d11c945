/**
 * SQL for the school page's roster overview: counts, never people. Scoped to the school.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

type Scope = { schoolId: number };

/** The newest school year among the school's active groups. */
export async function currentSchoolYear(db: Kysely<Database>, scope: Scope): Promise<string | null> {
  const row = await db
    .selectFrom('groups')
    .select((eb) => eb.fn.max('school_year').as('year'))
    .where('school_id', '=', scope.schoolId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row?.year ?? null;
}

export async function peopleCounts(db: Kysely<Database>, scope: Scope) {
  const count = (table: 'pupils' | 'staff') =>
    db
      .selectFrom(table)
      .select(['active', (eb) => eb.fn.countAll<number>().as('n')])
      .where('school_id', '=', scope.schoolId)
      .groupBy('active')
      .execute();
  const [pupils, staff] = await Promise.all([count('pupils'), count('staff')]);
  const of = (rows: Array<{ active: number; n: number | string | bigint }>, active: number) => Number(rows.find((r) => r.active === active)?.n ?? 0);
  return { activePupils: of(pupils, 1), inactivePupils: of(pupils, 0), activeStaff: of(staff, 1) };
}

/** Active groups of a school year with their number of active pupils (stamgroep or samengestelde groep). */
export async function groupsWithPupilCounts(db: Kysely<Database>, scope: Scope, schoolYear: string) {
  const [groups, inGroup, inSubgroup] = await Promise.all([
    db
      .selectFrom('groups')
      .select(['id', 'las_key', 'name', 'kind', 'year_group'])
      .where('school_id', '=', scope.schoolId)
      .where('school_year', '=', schoolYear)
      .where('active', '=', 1)
      .orderBy('kind')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('pupils')
      .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('school_id', '=', scope.schoolId)
      .where('active', '=', 1)
      .groupBy('group_id')
      .execute(),
    db
      .selectFrom('pupil_subgroups')
      .innerJoin('pupils', 'pupils.id', 'pupil_subgroups.pupil_id')
      .select(['pupil_subgroups.group_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('pupil_subgroups.school_id', '=', scope.schoolId)
      .where('pupils.active', '=', 1)
      .groupBy('pupil_subgroups.group_id')
      .execute(),
  ]);
  const counts = new Map<number | null, number>();
  for (const row of [...inGroup, ...inSubgroup]) counts.set(row.group_id, Number(row.n));
  return groups.map((group) => ({ ...group, pupils: counts.get(group.id) ?? 0 }));
}
