/** What a staff session needs on every request: the account is still active, and its roles. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { StaffRoleGrant } from '../actor.js';
import { activeGrantsQuery, grantGroups } from '../substitutes/store.js';

export interface StaffActorData {
  displayName: string;
  /** Granted roles, then a `substitute` role per group of a running substitute period. */
  roles: StaffRoleGrant[];
  managedSchoolIds: number[];
}

/** A grant row stands in for a role row: no account columns, its groups still to be resolved. */
const GRANT = 'grant';

export async function loadStaffActorData(db: Kysely<Database>, accountId: number, now: string): Promise<StaffActorData | null> {
  // One statement for the account, its roles and its running substitute grants: this runs on
  // every request of a staff session (two round trips were one too many on PostgreSQL).
  const roleRows = db
    .selectFrom('staff_accounts as a')
    .leftJoin('staff_account_roles as r', 'r.account_id', 'a.id')
    .select([sql<string | null>`${sql.ref('a.display_name')}`.as('display_name'), sql<string>`${sql.ref('a.status')}`.as('status'), 'r.role', 'r.school_id', 'r.board_id', 'r.group_id', sql<string | null>`null`.as('group_ids'), sql<number | string | null>`null`.as('invalgroep_id')])
    .where('a.id', '=', accountId);
  const grantRows = activeGrantsQuery(db, accountId, now).select([
    sql<string | null>`null`.as('display_name'),
    sql<string>`${sql.lit(GRANT)}`.as('status'),
    sql<null>`null`.as('role'),
    'substitute_grants.school_id',
    sql<null>`null`.as('board_id'),
    sql<null>`null`.as('group_id'),
    'substitute_grants.group_ids',
    'school_invalgroep.group_id as invalgroep_id',
  ]);
  const rows = await roleRows.unionAll(grantRows).execute();
  const account = rows.find((r) => r.status !== GRANT);
  if (!account || account.status !== 'active') return null;
  const roles: StaffRoleGrant[] = [];
  const substitute: StaffRoleGrant[] = [];
  for (const r of rows) {
    if (r.status === GRANT && r.group_ids !== null && r.school_id !== null) {
      for (const access of grantGroups({ school_id: r.school_id, group_ids: r.group_ids, invalgroep_id: r.invalgroep_id })) substitute.push({ role: 'substitute', schoolId: access.schoolId, boardId: null, groupId: access.groupId });
    } else if (r.role !== null) {
      roles.push({ role: r.role, schoolId: r.school_id === null ? null : Number(r.school_id), boardId: r.board_id === null ? null : Number(r.board_id), groupId: r.group_id === null ? null : Number(r.group_id) });
    }
  }
  const managed = new Set<number>();
  for (const r of roles) if (r.role === 'schoolAdmin' && r.schoolId !== null) managed.add(r.schoolId);
  const boardIds = roles.filter((r) => r.role === 'boardAdmin' && r.boardId !== null).map((r) => r.boardId as number);
  if (boardIds.length > 0) {
    const schools = await db.selectFrom('schools').select('id').where('board_id', 'in', boardIds).execute();
    for (const s of schools) managed.add(Number(s.id));
  }
  return { displayName: account.display_name ?? '', roles: [...roles, ...substitute], managedSchoolIds: [...managed].sort((a, b) => a - b) };
}
