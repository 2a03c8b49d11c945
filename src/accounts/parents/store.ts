/** The SQL of parent accounts, their linked children and their one-time tokens. Tokens arrive hashed. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';

export type ParentStatus = 'requested' | 'active' | 'disabled';
export type ParentTokenPurpose = 'activation' | 'reset';

export interface ParentAccountRow {
  id: number;
  email: string;
  passwordHash: string | null;
  status: ParentStatus;
}

const toAccount = (row: { id: number; email: string; password_hash: string | null; status: ParentStatus }): ParentAccountRow => ({
  id: Number(row.id),
  email: row.email,
  passwordHash: row.password_hash,
  status: row.status,
});

export async function accountByEmail(db: Kysely<Database>, email: string): Promise<ParentAccountRow | undefined> {
  const row = await db.selectFrom('parent_accounts').select(['id', 'email', 'password_hash', 'status']).where('email', '=', email).executeTakeFirst();
  return row && toAccount(row);
}

export async function accountById(db: Kysely<Database>, id: number): Promise<ParentAccountRow | undefined> {
  const row = await db.selectFrom('parent_accounts').select(['id', 'email', 'password_hash', 'status']).where('id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}

/** The account for this address, created as 'requested' when there is none (a race with a twin request just finds it). */
export async function findOrCreate(db: Kysely<Database>, email: string, now: string): Promise<ParentAccountRow> {
  await db
    .insertInto('parent_accounts')
    .values({ email, password_hash: null, status: 'requested', created_at: now, last_login_at: null })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  return (await accountByEmail(db, email))!;
}

export async function setPassword(db: Kysely<Database>, id: number, passwordHash: string, now: string): Promise<void> {
  await db.updateTable('parent_accounts').set({ password_hash: passwordHash, status: 'active', last_login_at: now }).where('id', '=', id).where('status', '!=', 'disabled').execute();
}

export async function setLastLogin(db: Kysely<Database>, id: number, now: string): Promise<void> {
  await db.updateTable('parent_accounts').set({ last_login_at: now }).where('id', '=', id).execute();
}

export async function insertToken(db: Kysely<Database>, token: { tokenHash: string; parentId: number; purpose: ParentTokenPurpose; createdAt: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('parent_account_tokens')
    .values({ token_hash: token.tokenHash, parent_id: token.parentId, purpose: token.purpose, created_at: token.createdAt, expires_at: token.expiresAt, used_at: null })
    .execute();
}

export async function usableToken(db: Kysely<Database>, tokenHash: string, purpose: ParentTokenPurpose, now: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('parent_account_tokens')
    .select('parent_id')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && Number(row.parent_id);
}

/** Uses the token once: one conditional UPDATE, so two simultaneous uses cannot both succeed. */
export async function consumeToken(db: Kysely<Database>, tokenHash: string, purpose: ParentTokenPurpose, now: string): Promise<number | undefined> {
  const parentId = await usableToken(db, tokenHash, purpose, now);
  if (parentId === undefined) return undefined;
  const result = await db.updateTable('parent_account_tokens').set({ used_at: now }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? parentId : undefined;
}

/** A new link makes the older ones of that purpose useless; expired rows are removed on the way. */
export async function voidTokens(db: Kysely<Database>, parentId: number, purpose: ParentTokenPurpose, now: string): Promise<void> {
  await db.deleteFrom('parent_account_tokens').where('expires_at', '<=', now).execute();
  await db.updateTable('parent_account_tokens').set({ used_at: now }).where('parent_id', '=', parentId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

/**
 * Active pupils of one school whose roepnaam (or first given name) is this name. Compared in
 * JavaScript: SQLite's lower() leaves letters beyond ASCII alone ("Émile", "Özlem"), and a
 * school's pupil names are a few hundred short rows.
 */
export async function pupilsNamed(db: Kysely<Database>, scope: { schoolId: number }, firstName: string): Promise<number[]> {
  const name = firstName.toLocaleLowerCase('nl');
  const rows = await db.selectFrom('pupils').select(['id', 'nickname', 'first_names']).where('school_id', '=', scope.schoolId).where('active', '=', 1).execute();
  return rows
    .filter((r) => r.nickname?.toLocaleLowerCase('nl') === name || r.first_names?.split(' ')[0]?.toLocaleLowerCase('nl') === name)
    .map((r) => Number(r.id));
}

export async function linkChild(db: Kysely<Database>, link: { parentId: number; pupilId: number; schoolId: number; linkedAt: string }): Promise<void> {
  await db
    .insertInto('parent_children')
    .values({ parent_id: link.parentId, pupil_id: link.pupilId, school_id: link.schoolId, linked_at: link.linkedAt })
    .onConflict((oc) => oc.columns(['parent_id', 'pupil_id']).doNothing())
    .execute();
}

export async function unlinkChild(db: Kysely<Database>, parentId: number, pupilId: number): Promise<number> {
  const result = await db.deleteFrom('parent_children').where('parent_id', '=', parentId).where('pupil_id', '=', pupilId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface LinkedChild {
  pupilId: number;
  schoolId: number;
  schoolName: string;
  name: string;
  active: boolean;
  homeLogin: boolean;
}

/** The parent's children with their school and whether home login is on now; scoped by the parent. */
export async function childrenOf(db: Kysely<Database>, parentId: number): Promise<LinkedChild[]> {
  const rows = await db
    .selectFrom('parent_children as pc')
    .innerJoin('pupils as p', (j) => j.onRef('p.id', '=', 'pc.pupil_id').onRef('p.school_id', '=', 'pc.school_id'))
    .innerJoin('schools as s', 's.id', 'pc.school_id')
    .leftJoin('pupil_credentials as c', (j) => j.onRef('c.pupil_id', '=', 'pc.pupil_id').onRef('c.school_id', '=', 'pc.school_id'))
    .select(['pc.pupil_id', 'pc.school_id', 's.name as school_name', 's.active as school_active', 'p.nickname', 'p.first_names', 'p.active', 'c.home_login'])
    .where('pc.parent_id', '=', parentId)
    .orderBy('pc.linked_at')
    .execute();
  return rows.map((r) => ({
    pupilId: Number(r.pupil_id),
    schoolId: Number(r.school_id),
    schoolName: r.school_name,
    name: r.nickname || r.first_names?.split(' ')[0] || 'Leerling',
    active: Number(r.active) === 1 && Number(r.school_active) === 1,
    homeLogin: Number(r.home_login ?? 0) === 1,
  }));
}
