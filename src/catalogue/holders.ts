/**
 * Who a person is for licences at one school: her groups (stamgroep and samengestelde groepen,
 * or the groups a staff member teaches), her own ids and ECK iDs. Reads the roster and account
 * tables, always scoped to the one school; returns null when the person does not belong there.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { LicencePerson } from './types.js';

export interface HolderFacts {
  kind: 'pupil' | 'staff';
  schoolId: number;
  pupilId: number | null;
  accountId: number | null;
  /** null: every group of the school counts (ICT-coördinator, IB/RT, board admin). */
  groupIds: number[] | null;
  eckids: string[];
}

const ALL_GROUPS_ROLES = new Set(['schoolAdmin', 'supportStaff', 'boardAdmin']);

export async function holderFacts(db: Kysely<Database>, person: LicencePerson, nowIso: string): Promise<HolderFacts | null> {
  return person.kind === 'pupil' ? pupilFacts(db, person.pupilId, person.schoolId) : staffFacts(db, person.accountId, person.schoolId, nowIso);
}

async function pupilFacts(db: Kysely<Database>, pupilId: number, schoolId: number): Promise<HolderFacts | null> {
  const pupil = await db
    .selectFrom('pupils')
    .select(['id', 'group_id', 'eckid'])
    .where('id', '=', pupilId)
    .where('school_id', '=', schoolId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!pupil) return null;
  const subgroups = await db
    .selectFrom('pupil_subgroups')
    .select('group_id')
    .where('school_id', '=', schoolId)
    .where('pupil_id', '=', pupilId)
    .execute();
  const groupIds = [...(pupil.group_id !== null ? [pupil.group_id] : []), ...subgroups.map((s) => s.group_id)];
  return { kind: 'pupil', schoolId, pupilId, accountId: null, groupIds, eckids: pupil.eckid ? [pupil.eckid] : [] };
}

async function staffFacts(db: Kysely<Database>, accountId: number, schoolId: number, nowIso: string): Promise<HolderFacts | null> {
  const school = await db.selectFrom('schools').select(['board_id']).where('id', '=', schoolId).executeTakeFirst();
  const account = await db.selectFrom('staff_accounts').select('id').where('id', '=', accountId).where('status', '=', 'active').executeTakeFirst();
  if (!school || !account) return null;
  const roles = await db
    .selectFrom('staff_account_roles')
    .leftJoin('staff', (join) => join.onRef('staff.id', '=', 'staff_account_roles.staff_id').on('staff.school_id', '=', schoolId))
    .select(['staff_account_roles.role', 'staff_account_roles.group_id', 'staff_account_roles.staff_id', 'staff.eckid'])
    .where('staff_account_roles.account_id', '=', accountId)
    .where((eb) => eb.or([eb('staff_account_roles.school_id', '=', schoolId), eb('staff_account_roles.board_id', '=', school.board_id)]))
    .execute();
  const grants = await db
    .selectFrom('substitute_grants')
    .select('group_ids')
    .where('account_id', '=', accountId)
    .where('school_id', '=', schoolId)
    .where('revoked_at', 'is', null)
    .where('starts_at', '<=', nowIso)
    .where('ends_at', '>', nowIso)
    .execute();
  if (roles.length === 0 && grants.length === 0) return null;
  const eckids = [...new Set(roles.flatMap((r) => (r.eckid ? [r.eckid] : [])))];
  const facts: HolderFacts = { kind: 'staff', schoolId, pupilId: null, accountId, groupIds: null, eckids };
  if (roles.some((r) => ALL_GROUPS_ROLES.has(r.role))) return facts;

  const groupIds = new Set<number>(roles.flatMap((r) => (r.role === 'trainee' && r.group_id !== null ? [r.group_id] : [])));
  const staffIds = roles.flatMap((r) => (r.staff_id !== null ? [r.staff_id] : []));
  if (staffIds.length > 0) {
    const taught = await db.selectFrom('staff_groups').select('group_id').where('school_id', '=', schoolId).where('staff_id', 'in', staffIds).execute();
    for (const row of taught) groupIds.add(row.group_id);
  }
  for (const grant of grants) {
    if (grant.group_ids === 'invalgroep') {
      const invalgroep = await db.selectFrom('school_invalgroep').select('group_id').where('school_id', '=', schoolId).executeTakeFirst();
      if (invalgroep) groupIds.add(invalgroep.group_id);
    } else {
      for (const id of JSON.parse(grant.group_ids) as number[]) groupIds.add(Number(id));
    }
  }
  return { ...facts, groupIds: [...groupIds] };
}
