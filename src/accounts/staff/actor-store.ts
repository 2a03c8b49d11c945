/** What a staff session needs on every request: the account is still active, and its roles. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { StaffRoleGrant } from '../actor.js';

export interface StaffActorData {
  displayName: string;
  roles: StaffRoleGrant[];
  managedSchoolIds: number[];
}

export async function loadStaffActorData(db: Kysely<Database>, accountId: number): Promise<StaffActorData | null> {
  // One statement for the account and its roles: this runs on every request of a staff session.
  const rows = await db
    .selectFrom('staff_accounts as a')
    .leftJoin('staff_account_roles as r', 'r.account_id', 'a.id')
    .select(['a.display_name', 'a.status', 'r.role', 'r.school_id', 'r.board_id', 'r.group_id'])
    .where('a.id', '=', accountId)
    .execute();
  const account = rows[0];
  if (!account || account.status !== 'active') return null;
  const roles: StaffRoleGrant[] = rows.flatMap((r) =>
    r.role === null
      ? []
      : [{ role: r.role, schoolId: r.school_id === null ? null : Number(r.school_id), boardId: r.board_id === null ? null : Number(r.board_id), groupId: r.group_id === null ? null : Number(r.group_id) }],
  );
  const managed = new Set<number>();
  for (const r of roles) if (r.role === 'schoolAdmin' && r.schoolId !== null) managed.add(r.schoolId);
  const boardIds = roles.filter((r) => r.role === 'boardAdmin' && r.boardId !== null).map((r) => r.boardId as number);
  if (boardIds.length > 0) {
    const schools = await db.selectFrom('schools').select('id').where('board_id', 'in', boardIds).execute();
    for (const s of schools) managed.add(Number(s.id));
  }
  return { displayName: account.display_name, roles, managedSchoolIds: [...managed].sort((a, b) => a - b) };
}
