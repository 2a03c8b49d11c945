/** SQL for LAS push tokens. Only SHA-256 hashes are stored; every query but the lookup by hash is scoped. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, LasTokenTable } from '../db/index.js';

type Scope = { schoolId: number };
export type LasTokenRow = Selectable<LasTokenTable>;

export async function insertToken(
  db: Kysely<Database>,
  scope: Scope,
  values: { label: string; tokenHash: string; createdAt: string; createdBy: string },
): Promise<LasTokenRow> {
  return db
    .insertInto('las_tokens')
    .values({ school_id: scope.schoolId, label: values.label, token_hash: values.tokenHash, created_at: values.createdAt, created_by: values.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function tokensOfSchool(db: Kysely<Database>, scope: Scope): Promise<LasTokenRow[]> {
  return db.selectFrom('las_tokens').selectAll().where('school_id', '=', scope.schoolId).orderBy('id', 'desc').execute();
}

export async function tokenById(db: Kysely<Database>, scope: Scope, id: number): Promise<LasTokenRow | undefined> {
  return db.selectFrom('las_tokens').selectAll().where('school_id', '=', scope.schoolId).where('id', '=', id).executeTakeFirst();
}

/** Not scoped: the hash is what says which school a presented token belongs to. */
export async function tokenByHash(db: Kysely<Database>, tokenHash: string): Promise<LasTokenRow | undefined> {
  return db.selectFrom('las_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function revokeToken(db: Kysely<Database>, scope: Scope, id: number, at: string): Promise<void> {
  await db.updateTable('las_tokens').set({ revoked_at: at }).where('school_id', '=', scope.schoolId).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function touchToken(db: Kysely<Database>, scope: Scope, id: number, at: string): Promise<void> {
  await db.updateTable('las_tokens').set({ last_used_at: at }).where('school_id', '=', scope.schoolId).where('id', '=', id).execute();
}
