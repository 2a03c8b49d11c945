/** The SQL of substitute grants and a school's invalgroep; every query is scoped to one school or one account. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';

export const INVALGROEP = 'invalgroep';

export interface SubstituteGrant {
  id: number;
  accountId: number;
  email: string;
  displayName: string;
  /** Chosen group ids, or 'invalgroep' for the school's invalgroep. */
  groups: number[] | typeof INVALGROEP;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

type Scope = { schoolId: number };

const encodeGroups = (groups: number[] | typeof INVALGROEP) => (groups === INVALGROEP ? INVALGROEP : JSON.stringify(groups));
const decodeGroups = (raw: string): number[] | typeof INVALGROEP => (raw === INVALGROEP ? INVALGROEP : (JSON.parse(raw) as number[]).map(Number));

export async function insertGrant(
  db: Kysely<Database>,
  scope: Scope,
  grant: { accountId: number; groups: number[] | typeof INVALGROEP; startsAt: string; endsAt: string; createdBy: string; createdAt: string },
): Promise<number> {
  const row = await db
    .insertInto('substitute_grants')
    .values({
      account_id: grant.accountId,
      school_id: scope.schoolId,
      group_ids: encodeGroups(grant.groups),
      starts_at: grant.startsAt,
      ends_at: grant.endsAt,
      created_by: grant.createdBy,
      created_at: grant.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Every grant of the school, newest period first: the audit list. */
export async function grantsOfSchool(db: Kysely<Database>, scope: Scope): Promise<SubstituteGrant[]> {
  const rows = await db
    .selectFrom('substitute_grants')
    .innerJoin('staff_accounts', 'staff_accounts.id', 'substitute_grants.account_id')
    .select([
      'substitute_grants.id',
      'substitute_grants.account_id',
      'staff_accounts.email',
      'staff_accounts.display_name',
      'substitute_grants.group_ids',
      'substitute_grants.starts_at',
      'substitute_grants.ends_at',
      'substitute_grants.created_by',
      'substitute_grants.created_at',
      'substitute_grants.revoked_at',
    ])
    .where('substitute_grants.school_id', '=', scope.schoolId)
    .orderBy('substitute_grants.ends_at', 'desc')
    .orderBy('substitute_grants.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    accountId: Number(r.account_id),
    email: r.email,
    displayName: r.display_name,
    groups: decodeGroups(r.group_ids),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
}

/** Ends a grant now; false when it does not exist at this school or was already revoked. */
export async function revokeGrant(db: Kysely<Database>, scope: Scope, grantId: number, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('substitute_grants')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', grantId)
    .where('school_id', '=', scope.schoolId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The grants an account may use as a substitute at this moment, with its school's invalgroep,
 * as a query: the staff actor loader runs it in one statement with the account's roles.
 */
export function activeGrantsQuery(db: Kysely<Database>, accountId: number, now: string) {
  return db
    .selectFrom('substitute_grants')
    .leftJoin('school_invalgroep', 'school_invalgroep.school_id', 'substitute_grants.school_id')
    .where('substitute_grants.account_id', '=', accountId)
    .where('substitute_grants.revoked_at', 'is', null)
    .where('substitute_grants.starts_at', '<=', now)
    .where('substitute_grants.ends_at', '>', now);
}

/** The groups one active grant opens, the invalgroep resolved now (none while the school has none). */
export function grantGroups(row: { school_id: number | string; group_ids: string; invalgroep_id: number | string | null }): Array<{ schoolId: number; groupId: number }> {
  const groups = decodeGroups(row.group_ids);
  const ids = groups === INVALGROEP ? (row.invalgroep_id === null ? [] : [Number(row.invalgroep_id)]) : groups;
  return ids.map((groupId) => ({ schoolId: Number(row.school_id), groupId }));
}

export async function invalgroepOf(db: Kysely<Database>, scope: Scope): Promise<number | null> {
  const row = await db.selectFrom('school_invalgroep').select('group_id').where('school_id', '=', scope.schoolId).executeTakeFirst();
  return row ? Number(row.group_id) : null;
}

export async function setInvalgroep(db: Kysely<Database>, scope: Scope, groupId: number, by: string, at: string): Promise<void> {
  await db.deleteFrom('school_invalgroep').where('school_id', '=', scope.schoolId).execute();
  await db.insertInto('school_invalgroep').values({ school_id: scope.schoolId, group_id: groupId, marked_by: by, marked_at: at }).execute();
}

/** The school's active groups, by name, for the form's checkboxes. */
export async function activeGroups(db: Kysely<Database>, scope: Scope): Promise<Array<{ id: number; name: string }>> {
  const rows = await db.selectFrom('groups').select(['id', 'name']).where('school_id', '=', scope.schoolId).where('active', '=', 1).orderBy('name').execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}
