/**
 * The readiness tables' SQL. Every query is scoped by school or board. The pupils' ECK iD is
 * read only as "present or not" (a CASE in SQL): its value never leaves the database here.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { BoardEckFacts, DuoExchange, Enrolment, LasProduct, PupilEckFacts, SchoolEckFacts } from './facts.js';

type Db = Kysely<Database>;
const flag = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);
const bool = (value: number | null): boolean | null => (value === null ? null : value === 1);

export interface PupilStatusRow extends PupilEckFacts {
  pupilId: number;
}

/** SQLite allows 32,766 parameters per statement; 8 columns × 500 rows stays well below. */
const BATCH = 500;

/** Replaces the school's pupil statuses from one source (a whole file, or a status push). */
export async function replacePupilStatuses(db: Db, scope: { schoolId: number }, rows: PupilStatusRow[], source: string, now: string): Promise<void> {
  await db.deleteFrom('eckid_pupil_status').where('school_id', '=', scope.schoolId).execute();
  for (let start = 0; start < rows.length; start += BATCH) {
    await db.insertInto('eckid_pupil_status').values(rows.slice(start, start + BATCH).map((row) => ({
      pupil_id: row.pupilId,
      school_id: scope.schoolId,
      enrolment: row.enrolment,
      funded: flag(row.funded),
      duo_exchange: row.duoExchange,
      duo_message: row.duoMessage,
      source,
      updated_at: now,
    }))).execute();
  }
}

export async function saveSchoolStatus(db: Db, scope: { schoolId: number }, facts: SchoolEckFacts & { lasProductName: string | null }, source: string, now: string): Promise<void> {
  const values = {
    las_product: facts.lasProduct,
    las_product_name: facts.lasProductName,
    las_instructed: flag(facts.lasInstructed),
    funded_school_type: flag(facts.fundedSchoolType),
    source,
    updated_at: now,
  };
  await db.insertInto('eckid_school_status').values({ school_id: scope.schoolId, ...values })
    .onConflict((oc) => oc.column('school_id').doUpdateSet(values)).execute();
}

export async function schoolFacts(db: Db, scope: { schoolId: number }): Promise<SchoolEckFacts & { lasProductName: string | null; updatedAt: string | null }> {
  const row = await db.selectFrom('eckid_school_status').selectAll().where('school_id', '=', scope.schoolId).executeTakeFirst();
  return {
    lasProduct: (row?.las_product ?? null) as LasProduct | null,
    lasProductName: row?.las_product_name ?? null,
    lasInstructed: bool(row?.las_instructed ?? null),
    fundedSchoolType: bool(row?.funded_school_type ?? null),
    updatedAt: row?.updated_at ?? null,
  };
}

export async function boardFacts(db: Db, scope: { boardId: number }): Promise<BoardEckFacts & { setBy: string | null; setAt: string | null }> {
  const row = await db.selectFrom('eckid_board_agreements').selectAll().where('board_id', '=', scope.boardId).executeTakeFirst();
  return { numberServiceAgreement: bool(row?.agreement ?? null), setBy: row?.set_by ?? null, setAt: row?.set_at ?? null };
}

export async function saveBoardAgreement(db: Db, scope: { boardId: number }, agreement: boolean, actor: string, now: string): Promise<void> {
  const values = { agreement: agreement ? 1 : 0, set_by: actor, set_at: now };
  await db.insertInto('eckid_board_agreements').values({ board_id: scope.boardId, ...values })
    .onConflict((oc) => oc.column('board_id').doUpdateSet(values)).execute();
}

/** The school's pupils by LAS key (to attach a file's statuses to pupil ids). */
export async function pupilIdsByKey(db: Db, scope: { schoolId: number }): Promise<Map<string, number>> {
  const rows = await db.selectFrom('pupils').select(['id', 'las_key']).where('school_id', '=', scope.schoolId).execute();
  return new Map(rows.map((row) => [row.las_key, row.id]));
}

export interface PupilReadinessRow {
  pupilId: number;
  lastName: string | null;
  prefix: string | null;
  firstNames: string | null;
  nickname: string | null;
  groupId: number | null;
  groupName: string | null;
  hasEckid: boolean;
  facts: PupilEckFacts;
}

/** The school's active pupils with "ECK iD present?" and their LAS status; optionally one group. */
export async function pupilsOfSchool(db: Db, scope: { schoolId: number; groupId?: number }): Promise<PupilReadinessRow[]> {
  let query = db
    .selectFrom('pupils')
    .leftJoin('groups', 'groups.id', 'pupils.group_id')
    .leftJoin('eckid_pupil_status as s', 's.pupil_id', 'pupils.id')
    .select([
      'pupils.id', 'pupils.last_name', 'pupils.prefix', 'pupils.first_names', 'pupils.nickname', 'pupils.group_id', 'groups.name as group_name',
      sql<number>`case when pupils.eckid is null then 0 else 1 end`.as('has_eckid'),
      's.enrolment', 's.funded', 's.duo_exchange', 's.duo_message',
    ])
    .where('pupils.school_id', '=', scope.schoolId)
    .where('pupils.active', '=', 1);
  if (scope.groupId !== undefined) query = query.where('pupils.group_id', '=', scope.groupId);
  const rows = await query.orderBy('groups.name').orderBy('pupils.last_name').orderBy('pupils.nickname').orderBy('pupils.id').execute();
  return rows.map((row) => ({
    pupilId: Number(row.id),
    lastName: row.last_name,
    prefix: row.prefix,
    firstNames: row.first_names,
    nickname: row.nickname,
    groupId: row.group_id === null ? null : Number(row.group_id),
    groupName: row.group_name,
    hasEckid: Number(row.has_eckid) === 1,
    facts: {
      enrolment: (row.enrolment ?? null) as Enrolment | null,
      funded: bool(row.funded ?? null),
      duoExchange: (row.duo_exchange ?? null) as DuoExchange | null,
      duoMessage: row.duo_message ?? null,
    },
  }));
}

export async function schoolOfBoard(db: Db, scope: { schoolId: number }): Promise<{ id: number; boardId: number; name: string; brin: string; locationCode: string } | undefined> {
  const row = await db.selectFrom('schools').select(['id', 'board_id', 'name', 'brin', 'location_code']).where('id', '=', scope.schoolId).executeTakeFirst();
  return row && { id: Number(row.id), boardId: Number(row.board_id), name: row.name, brin: row.brin, locationCode: row.location_code };
}

export async function schoolsOfBoard(db: Db, scope: { boardId: number }) {
  const rows = await db.selectFrom('schools').select(['id', 'name', 'brin', 'location_code']).where('board_id', '=', scope.boardId).where('active', '=', 1).orderBy('name').execute();
  return rows.map((row) => ({ id: Number(row.id), name: row.name, brin: row.brin, locationCode: row.location_code }));
}

/**
 * The school's active pupils counted per (ECK iD present, enrolment, funded, DUO exchange): a
 * handful of groups instead of every pupil, so the snapshot after each import stays cheap.
 * DUO's message only changes a label, never the reason, so it is not grouped on.
 */
export async function statusGroups(db: Db, scope: { schoolId: number }): Promise<{ hasEckid: boolean; facts: PupilEckFacts; count: number }[]> {
  const present = sql<number>`case when pupils.eckid is null then 0 else 1 end`;
  const rows = await db
    .selectFrom('pupils')
    .leftJoin('eckid_pupil_status as s', 's.pupil_id', 'pupils.id')
    .select([present.as('has_eckid'), 's.enrolment', 's.funded', 's.duo_exchange', (eb) => eb.fn.countAll<number>().as('count')])
    .where('pupils.school_id', '=', scope.schoolId)
    .where('pupils.active', '=', 1)
    .groupBy([present, 's.enrolment', 's.funded', 's.duo_exchange'])
    .execute();
  return rows.map((row) => ({
    hasEckid: Number(row.has_eckid) === 1,
    count: Number(row.count),
    facts: { enrolment: (row.enrolment ?? null) as Enrolment | null, funded: bool(row.funded ?? null), duoExchange: (row.duo_exchange ?? null) as DuoExchange | null, duoMessage: null },
  }));
}
