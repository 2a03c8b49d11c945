/** The only place organisations' SQL lives. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, SchoolTable, BoardTable } from '../db/index.js';

export type BoardRow = Selectable<BoardTable>;
export type SchoolRow = Selectable<SchoolTable>;

export interface Board {
  id: number;
  number: string;
  name: string;
  createdAt: string;
}

export interface School {
  id: number;
  boardId: number;
  brin: string;
  locationCode: string;
  name: string;
  schoolkey: string | null;
  instellingRef: string;
  address: { street: string | null; houseNumber: string | null; houseNumberSuffix: string | null; postcode: string | null; city: string | null };
  active: boolean;
  mergedInto: number | null;
  createdAt: string;
}

export function toBoard(row: BoardRow): Board {
  return { id: row.id, number: row.number, name: row.name, createdAt: row.created_at };
}

export function toSchool(row: SchoolRow): School {
  return {
    id: row.id,
    boardId: row.board_id,
    brin: row.brin,
    locationCode: row.location_code,
    name: row.name,
    schoolkey: row.schoolkey,
    instellingRef: row.instelling_ref,
    address: {
      street: row.street,
      houseNumber: row.house_number,
      houseNumberSuffix: row.house_number_suffix,
      postcode: row.postcode,
      city: row.city,
    },
    active: row.active === 1,
    mergedInto: row.merged_into,
    createdAt: row.created_at,
  };
}

export async function insertBoard(db: Kysely<Database>, values: { number: string; name: string; createdAt: string }): Promise<Board> {
  const row = await db
    .insertInto('boards')
    .values({ number: values.number, name: values.name, created_at: values.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toBoard(row);
}

export async function boardByNumber(db: Kysely<Database>, number: string): Promise<Board | undefined> {
  const row = await db.selectFrom('boards').selectAll().where('number', '=', number).executeTakeFirst();
  return row && toBoard(row);
}

export async function boardById(db: Kysely<Database>, id: number): Promise<Board | undefined> {
  const row = await db.selectFrom('boards').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toBoard(row);
}

export async function allBoards(db: Kysely<Database>): Promise<Board[]> {
  const rows = await db.selectFrom('boards').selectAll().orderBy('name').execute();
  return rows.map(toBoard);
}

export interface NewSchool {
  boardId: number;
  brin: string;
  locationCode: string;
  name: string;
  schoolkey: string | null;
  instellingRef: string;
  address: School['address'];
  createdAt: string;
}

export async function insertSchool(db: Kysely<Database>, school: NewSchool): Promise<School> {
  const row = await db
    .insertInto('schools')
    .values({
      board_id: school.boardId,
      brin: school.brin,
      location_code: school.locationCode,
      name: school.name,
      schoolkey: school.schoolkey,
      instelling_ref: school.instellingRef,
      street: school.address.street,
      house_number: school.address.houseNumber,
      house_number_suffix: school.address.houseNumberSuffix,
      postcode: school.address.postcode,
      city: school.address.city,
      active: 1,
      merged_into: null,
      created_at: school.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSchool(row);
}

export async function schoolByCode(db: Kysely<Database>, brin: string, locationCode: string): Promise<School | undefined> {
  const row = await db
    .selectFrom('schools')
    .selectAll()
    .where('brin', '=', brin)
    .where('location_code', '=', locationCode)
    .executeTakeFirst();
  return row && toSchool(row);
}

export async function schoolByRef(db: Kysely<Database>, instellingRef: string): Promise<School | undefined> {
  const row = await db.selectFrom('schools').selectAll().where('instelling_ref', '=', instellingRef).executeTakeFirst();
  return row && toSchool(row);
}

export async function schoolById(db: Kysely<Database>, id: number): Promise<School | undefined> {
  const row = await db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSchool(row);
}

export async function schoolsOfBoard(db: Kysely<Database>, scope: { boardId: number }): Promise<School[]> {
  const rows = await db.selectFrom('schools').selectAll().where('board_id', '=', scope.boardId).orderBy('name').execute();
  return rows.map(toSchool);
}

/** Every school with its board, for the platform operator's overview. */
export async function allSchoolsWithBoard(db: Kysely<Database>): Promise<Array<School & { boardName: string; boardNumber: string }>> {
  const rows = await db
    .selectFrom('schools')
    .innerJoin('boards', 'boards.id', 'schools.board_id')
    .selectAll('schools')
    .select(['boards.name as board_name', 'boards.number as board_number'])
    .orderBy('boards.name')
    .orderBy('schools.name')
    .execute();
  return rows.map((row) => ({ ...toSchool(row), boardName: row.board_name, boardNumber: row.board_number }));
}
