/**
 * SQL that writes a school's roster, in batches. Every statement filters on the school: a plan
 * for school A cannot touch a row of school B even if it carried a wrong id.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, GroupTable, LocationTable, PupilTable, StaffTable } from '../db/index.js';
import { chunked, insertInBatches } from './store-batches.js';

type Scope = { schoolId: number };

/** Inserts rows in multi-row statements; returns LAS key → new id (never relying on row order). */
async function insertReturningIds(db: Kysely<Database>, table: RosterTable, rows: ReadonlyArray<Record<string, unknown>>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const row of await insertInBatches(db, table, rows, ['id', 'las_key'])) ids.set(row.las_key as string, row.id as number);
  return ids;
}

export const insertLocations = (db: Kysely<Database>, rows: Array<Insertable<LocationTable>>) => insertReturningIds(db, 'locations', rows);
export const insertGroups = (db: Kysely<Database>, rows: Array<Insertable<GroupTable>>) => insertReturningIds(db, 'groups', rows);
export const insertPupils = (db: Kysely<Database>, rows: Array<Insertable<PupilTable>>) => insertReturningIds(db, 'pupils', rows);
export const insertStaff = (db: Kysely<Database>, rows: Array<Insertable<StaffTable>>) => insertReturningIds(db, 'staff', rows);

export type RosterTable = 'locations' | 'groups' | 'pupils' | 'staff';

/** Marks rows inactive; people also get their deactivation time. */
export async function deactivateRows(db: Kysely<Database>, scope: Scope, table: RosterTable, ids: number[], now: string): Promise<void> {
  for (const chunk of chunked(ids, 1)) {
    if (table === 'pupils' || table === 'staff') {
      await db
        .updateTable(table)
        .set({ active: 0, deactivated_at: now, updated_at: now })
        .where('school_id', '=', scope.schoolId)
        .where('id', 'in', chunk)
        .execute();
    } else {
      await db.updateTable(table).set({ active: 0 }).where('school_id', '=', scope.schoolId).where('id', 'in', chunk).execute();
    }
  }
}

export type MembershipTable = 'pupil_subgroups' | 'staff_groups';
const ownerColumn = { pupil_subgroups: 'pupil_id', staff_groups: 'staff_id' } as const;

/** Removes every membership of these people (before writing their new set). */
export async function deleteMemberships(db: Kysely<Database>, scope: Scope, table: MembershipTable, ownerIds: number[]): Promise<void> {
  for (const chunk of chunked(ownerIds, 1)) {
    await db.deleteFrom(table).where('school_id', '=', scope.schoolId).where(ownerColumn[table], 'in', chunk).execute();
  }
}

/** Inserts memberships given as [ownerId, groupId] pairs. */
export async function insertMemberships(db: Kysely<Database>, scope: Scope, table: MembershipTable, pairs: Array<[number, number]>): Promise<void> {
  const owner = ownerColumn[table];
  await insertInBatches(db, table, pairs.map(([ownerId, groupId]) => ({ school_id: scope.schoolId, [owner]: ownerId, group_id: groupId })));
}

/**
 * Deletes rows an import added (undo), memberships first; answers their ids. A pupil's login
 * credentials (picture, codes, card) exist only for her and go with her; other rows that belong to
 * a pupil or group (parent links, licences, ECK iD requests, trainee roles) cascade in the schema.
 */
export async function deleteAddedRows(db: Kysely<Database>, scope: Scope, table: RosterTable, importId: number): Promise<number[]> {
  const added = db.selectFrom(table).select('id').where('school_id', '=', scope.schoolId).where('created_import_id', '=', importId);
  if (table === 'pupils') {
    await db.deleteFrom('pupil_subgroups').where('school_id', '=', scope.schoolId).where('pupil_id', 'in', added).execute();
    // Migration 004 declared this reference without ON DELETE CASCADE.
    await db.deleteFrom('pupil_credentials').where('school_id', '=', scope.schoolId).where('pupil_id', 'in', added).execute();
  } else if (table === 'staff') {
    await db.deleteFrom('staff_groups').where('school_id', '=', scope.schoolId).where('staff_id', 'in', added).execute();
  } else if (table === 'groups') {
    await db.deleteFrom('pupil_subgroups').where('school_id', '=', scope.schoolId).where('group_id', 'in', added).execute();
    await db.deleteFrom('staff_groups').where('school_id', '=', scope.schoolId).where('group_id', 'in', added).execute();
  }
  const deleted = await db.deleteFrom(table).where('school_id', '=', scope.schoolId).where('created_import_id', '=', importId).returning('id').execute();
  return deleted.map((row) => row.id);
}

/** Sets the columns of one changed row (apply) or its journalled before-state (undo). */
export async function updateRow<T extends RosterTable>(db: Kysely<Database>, scope: Scope, table: T, id: number, values: Updateable<Database[T]>): Promise<void> {
  // Kysely cannot type `set` for a table chosen by a type parameter; `values` is checked against `table` in the signature.
  await db.updateTable(table as RosterTable).set(values as Updateable<Database[RosterTable]>).where('school_id', '=', scope.schoolId).where('id', '=', id).execute();
}
