/**
 * Loads the person behind a login, as a publisher could learn it, for one school: a pupil at
 * her own school, or a staff member with a role at that school (roster role, ICT-coördinator,
 * board admin of its board, or a substitute grant that runs now). The only SQL of sso/ that reads
 * people; every query is scoped by the school.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { compiledOncePerDatabase } from '../db/compiled-once.js';
import type { ReleasePerson } from './profiles.js';

const TEACHING_ROLES = new Set(['teacher', 'trainee', 'supportStaff']);

function firstName(nickname: string | null, firstNames: string | null): string | null {
  return nickname || firstNames?.trim().split(/\s+/)[0] || null;
}

/** Runs at every authorization, token and userinfo request: compiled once (db/compiled-once.ts). */
const activePupilAtSchool = compiledOncePerDatabase<'pupilId' | 'schoolId', Database, { id: number; nickname: string | null; first_names: string | null; eckid: string | null; year_group: string | null; brin: string; board_id: number; group_name: string | null }>((db, p) =>
  db
    .selectFrom('pupils')
    .innerJoin('schools', 'schools.id', 'pupils.school_id')
    .leftJoin('groups', 'groups.id', 'pupils.group_id')
    .select(['pupils.id', 'pupils.nickname', 'pupils.first_names', 'pupils.eckid', 'pupils.year_group', 'schools.brin', 'schools.board_id', 'groups.name as group_name'])
    .where('pupils.id', '=', p('pupilId'))
    .where('pupils.school_id', '=', p('schoolId'))
    .where('pupils.active', '=', sql.lit(1)),
);

export async function loadPupil(db: Kysely<Database>, pupilId: number, schoolId: number): Promise<ReleasePerson | null> {
  const [row] = (await activePupilAtSchool(db)({ pupilId, schoolId })).rows;
  if (!row) return null;
  return {
    kind: 'pupil',
    subjectKey: `pupil:${row.id}`,
    id: row.id,
    role: 'leerling',
    schoolId,
    boardId: row.board_id,
    brin: row.brin,
    givenName: firstName(row.nickname, row.first_names),
    group: row.group_name ?? null,
    yearGroup: row.year_group,
    eckId: row.eckid,
  };
}

/** `now` decides whether a substitute grant counts (ISO timestamp, compared as text like substitutes/ does). */
export async function loadStaff(db: Kysely<Database>, accountId: number, schoolId: number, now: string): Promise<ReleasePerson | null> {
  const school = await db.selectFrom('schools').select(['id', 'brin', 'board_id']).where('id', '=', schoolId).executeTakeFirst();
  const account = await db.selectFrom('staff_accounts').select(['id', 'display_name']).where('id', '=', accountId).where('status', '=', 'active').executeTakeFirst();
  if (!school || !account) return null;
  const roles = await db
    .selectFrom('staff_account_roles')
    .leftJoin('staff', 'staff.id', 'staff_account_roles.staff_id')
    .select(['staff_account_roles.role', 'staff.nickname', 'staff.first_names', 'staff.eckid'])
    .where('staff_account_roles.account_id', '=', accountId)
    .where((eb) => eb.or([eb('staff_account_roles.school_id', '=', schoolId), eb('staff_account_roles.board_id', '=', school.board_id)]))
    .execute();
  const substitute = await db
    .selectFrom('substitute_grants')
    .select('id')
    .where('account_id', '=', accountId)
    .where('school_id', '=', schoolId)
    .where('revoked_at', 'is', null)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .executeTakeFirst();
  if (roles.length === 0 && !substitute) return null;
  const rosterRow = roles.find((r) => r.eckid || r.first_names || r.nickname);
  const teaches = substitute !== undefined || roles.some((r) => TEACHING_ROLES.has(r.role));
  return {
    kind: 'staff',
    subjectKey: `staff:${account.id}`,
    id: account.id,
    role: teaches ? 'leerkracht' : 'medewerker',
    schoolId,
    boardId: school.board_id,
    brin: school.brin,
    givenName: firstName(rosterRow?.nickname ?? null, rosterRow?.first_names ?? null) ?? firstName(null, account.display_name),
    group: null,
    yearGroup: null,
    eckId: rosterRow?.eckid ?? null,
  };
}
