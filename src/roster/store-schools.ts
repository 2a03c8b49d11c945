/**
 * The few facts about a school the import needs. Looking a school up by BRIN + dependancecode
 * is how a file picks its school; everything after that is scoped to the id found.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

export interface ImportSchool {
  id: number;
  boardId: number;
  brin: string;
  locationCode: string;
  name: string;
  active: boolean;
}

const columns = ['id', 'board_id', 'brin', 'location_code', 'name', 'active'] as const;

function toImportSchool(row: { id: number; board_id: number; brin: string; location_code: string; name: string; active: number }): ImportSchool {
  return { id: row.id, boardId: row.board_id, brin: row.brin, locationCode: row.location_code, name: row.name, active: row.active === 1 };
}

export async function schoolByCode(db: Kysely<Database>, brin: string, locationCode: string): Promise<ImportSchool | undefined> {
  const row = await db.selectFrom('schools').select(columns).where('brin', '=', brin).where('location_code', '=', locationCode).executeTakeFirst();
  return row && toImportSchool(row);
}

export async function schoolById(db: Kysely<Database>, scope: { schoolId: number }): Promise<ImportSchool | undefined> {
  const row = await db.selectFrom('schools').select(columns).where('id', '=', scope.schoolId).executeTakeFirst();
  return row && toImportSchool(row);
}

export async function schoolByRef(db: Kysely<Database>, instellingRef: string): Promise<ImportSchool | undefined> {
  const row = await db.selectFrom('schools').select(columns).where('instelling_ref', '=', instellingRef).executeTakeFirst();
  return row && toImportSchool(row);
}

/** "12AB00 (De Regenboog)": BRIN + dependancecode as people write them, for messages. */
export const schoolLabel = (school: ImportSchool) => `${school.brin}${school.locationCode} (${school.name})`;
