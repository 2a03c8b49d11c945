/**
 * Loads the person behind a login, as a publisher could learn it, for one school: a pupil at
 * her own school, or a staff member with a role at that school (roster role, ICT-coördinator,
 * board admin of its board, or a substitute grant that runs now). The only SQL of sso/ that reads
 * people; every query is scoped by the school.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import { compiledOnce, compiledOncePerDatabase } from '../db/compiled-once.js';
import type { PrivacyGate, ReleaseGateColumns } from './privacy-gate.js';
import type { ReleasePerson, SharingProfile } from './profiles.js';

const TEACHING_ROLES = new Set(['teacher', 'trainee', 'supportStaff']);

function firstName(nickname: string | null, firstNames: string | null): string | null {
  return nickname || firstNames?.trim().split(/\s+/)[0] || null;
}

interface PupilRow {
  id: number;
  nickname: string | null;
  first_names: string | null;
  eckid: string | null;
  year_group: string | null;
  brin: string;
  board_id: number;
  group_name: string | null;
}

/**
 * The active pupil at her school, joined onto a query that starts at `schools` (plain, or with
 * the privacy gate's columns already selected: see loadPupilWithGate). `param` is compiledOnce's.
 */
function pupilAtSchool<O>(schools: SelectQueryBuilder<Database, 'schools', O>, param: (name: 'pupilId' | 'schoolId') => never) {
  return schools
    .innerJoin('pupils', 'pupils.school_id', 'schools.id')
    .leftJoin('groups', 'groups.id', 'pupils.group_id')
    .select(['pupils.id', 'pupils.nickname', 'pupils.first_names', 'pupils.eckid', 'pupils.year_group', 'schools.brin', 'schools.board_id', 'groups.name as group_name'])
    .where('schools.id', '=', param('schoolId'))
    .where('pupils.id', '=', param('pupilId'))
    .where('pupils.active', '=', sql.lit(1));
}

function pupilOf(row: PupilRow, schoolId: number): ReleasePerson {
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

/** Compiled once (db/compiled-once.ts): SAML, the launch route and OIDC's plain person check read the pupil at every launch. */
const activePupilAtSchool = compiledOncePerDatabase<'pupilId' | 'schoolId', Database, PupilRow>((db, p) => pupilAtSchool(db.selectFrom('schools'), p));

export async function loadPupil(db: Kysely<Database>, pupilId: number, schoolId: number): Promise<ReleasePerson | null> {
  const [row] = (await activePupilAtSchool(db)({ pupilId, schoolId })).rows;
  return row ? pupilOf(row, schoolId) : null;
}

/**
 * The pupil and the privacy gate for one publisher in ONE statement: OIDC reads both at every
 * authorization, token and userinfo request, and on PostgreSQL each round trip saved is socket
 * CPU saved. The gate's SQL and meaning stay privacy's (its `releaseGate` halves, through the
 * port); this file adds only the pupil. Person first: no pupil → null, whatever the gate says;
 * otherwise the gate's verdict (its refusals throw). Compiled once for the decider's database.
 */
export function createGatedPupilLoader(db: Kysely<Database>, gate: PrivacyGate['releaseGate']) {
  const statement = compiledOnce<'pupilId' | 'schoolId' | 'publisherId', Database, PupilRow & ReleaseGateColumns>(db, (p) =>
    pupilAtSchool(gate.from(db, p('publisherId')), p),
  );
  return async function loadPupilWithGate(input: { pupilId: number; schoolId: number; publisherId: number }): Promise<{ person: ReleasePerson; agreementId: number; profile: SharingProfile } | null> {
    const [row] = (await statement(input)).rows;
    if (!row) return null;
    return { person: pupilOf(row, input.schoolId), ...(await gate.verdict(row, input.publisherId)) };
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
