/**
 * The only SQL of pupil login. Every query carries the school scope, so a request for one
 * school can never read or change another school's pupils.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { compiledOncePerDatabase } from '../../db/compiled-once.js';
import type { Database, PupilCredentialTable } from '../../db/schema.js';

export type CredentialRow = Selectable<PupilCredentialTable>;
type Scope = { schoolId: number };

export interface PupilListing {
  pupilId: number;
  groupId: number | null;
  nickname: string | null;
  firstNames: string | null;
  prefix: string | null;
  lastName: string | null;
  hasEckid: boolean;
  credential: CredentialRow | null;
}

export async function activeGroups(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'kind', 'year_group'])
    .where('school_id', '=', scope.schoolId)
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
}

export async function groupInSchool(db: Kysely<Database>, scope: Scope, groupId: number) {
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'kind'])
    .where('school_id', '=', scope.schoolId)
    .where('id', '=', groupId)
    .where('active', '=', 1)
    .executeTakeFirst();
}

/** Active pupils of a stamgroep or samengestelde groep, with their credentials. */
export async function pupilsOfGroup(db: Kysely<Database>, scope: Scope, groupId: number): Promise<PupilListing[]> {
  const inSubgroup = db.selectFrom('pupil_subgroups').select('pupil_id').where('school_id', '=', scope.schoolId).where('group_id', '=', groupId);
  const rows = await db
    .selectFrom('pupils')
    .leftJoin('pupil_credentials', 'pupil_credentials.pupil_id', 'pupils.id')
    .selectAll('pupil_credentials')
    .select(['pupils.id as pid', 'pupils.group_id', 'pupils.nickname', 'pupils.first_names', 'pupils.prefix', 'pupils.last_name', 'pupils.eckid'])
    .where('pupils.school_id', '=', scope.schoolId)
    .where('pupils.active', '=', 1)
    .where((eb) => eb.or([eb('pupils.group_id', '=', groupId), eb('pupils.id', 'in', inSubgroup)]))
    .execute();
  return rows
    .map((row) => ({
      pupilId: row.pid,
      groupId: row.group_id,
      nickname: row.nickname,
      firstNames: row.first_names,
      prefix: row.prefix,
      lastName: row.last_name,
      hasEckid: row.eckid !== null && row.eckid !== '',
      credential: row.pupil_id === null ? null : (row as unknown as CredentialRow),
    }))
    .sort((a, b) => displayName(a).localeCompare(displayName(b), 'nl'));
}

export function displayName(p: Pick<PupilListing, 'nickname' | 'firstNames' | 'prefix' | 'lastName'>): string {
  return [p.nickname || p.firstNames, p.prefix, p.lastName].filter(Boolean).join(' ');
}

export type ActivePupil = NonNullable<Awaited<ReturnType<typeof activePupil>>>;

export async function activePupil(db: Kysely<Database>, scope: Scope, pupilId: number) {
  return db
    .selectFrom('pupils')
    .select(['id', 'group_id', 'nickname', 'first_names', 'prefix', 'last_name'])
    .where('school_id', '=', scope.schoolId)
    .where('id', '=', pupilId)
    .where('active', '=', 1)
    .executeTakeFirst();
}

export async function credentialOf(db: Kysely<Database>, scope: Scope, pupilId: number): Promise<CredentialRow | undefined> {
  return db.selectFrom('pupil_credentials').selectAll().where('school_id', '=', scope.schoolId).where('pupil_id', '=', pupilId).executeTakeFirst();
}

/**
 * The credential of a card token's hash and its pupil, when that pupil is active, with her
 * school's network ranges (the card login checks them): one statement, one row per range.
 */
const cardHolderStatement = compiledOncePerDatabase<'cardTokenHash' | 'active', Database, CredentialRow & { pid: number; pupil_group_id: number | null; nickname: string | null; first_names: string; prefix: string | null; last_name: string; cidr: string | null }>(
  (db, p) =>
    db
      .selectFrom('pupil_credentials')
      .innerJoin('pupils', (join) => join.onRef('pupils.id', '=', 'pupil_credentials.pupil_id').onRef('pupils.school_id', '=', 'pupil_credentials.school_id'))
      .leftJoin('school_networks', 'school_networks.school_id', 'pupil_credentials.school_id')
      .selectAll('pupil_credentials')
      .select(['pupils.id as pid', 'pupils.group_id as pupil_group_id', 'pupils.nickname', 'pupils.first_names', 'pupils.prefix', 'pupils.last_name', 'school_networks.cidr'])
      .where('pupil_credentials.card_token_hash', '=', p('cardTokenHash'))
      .where('pupils.active', '=', p('active')),
);

/** Every QR-card sign-in runs this: compiled once (on PostgreSQL prepared by name, ADR 0017). */
export async function cardHolderByHash(db: Kysely<Database>, cardTokenHash: string): Promise<{ pupil: ActivePupil; credential: CredentialRow; ranges: string[] } | undefined> {
  const { rows } = await cardHolderStatement(db)({ cardTokenHash, active: 1 });
  if (rows.length === 0) return undefined;
  const { pid, pupil_group_id, nickname, first_names, prefix, last_name, cidr: _cidr, ...credential } = rows[0];
  const ranges = rows.flatMap((r) => (r.cidr ? [r.cidr] : []));
  return { pupil: { id: pid, group_id: pupil_group_id, nickname, first_names, prefix, last_name }, credential: credential as CredentialRow, ranges };
}

export async function credentialByCardHash(db: Kysely<Database>, cardTokenHash: string): Promise<CredentialRow | undefined> {
  return db.selectFrom('pupil_credentials').selectAll().where('card_token_hash', '=', cardTokenHash).executeTakeFirst();
}

export type CredentialChanges = Partial<Omit<CredentialRow, 'pupil_id' | 'school_id'>>;

/** Creates the pupil's credential row on first use (with the given picture) or updates it. */
export async function saveCredential(db: Kysely<Database>, scope: Scope, pupilId: number, defaultPicture: string, changes: CredentialChanges): Promise<void> {
  const updated = await db
    .updateTable('pupil_credentials')
    .set(changes)
    .where('school_id', '=', scope.schoolId)
    .where('pupil_id', '=', pupilId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto('pupil_credentials')
    .values({ pupil_id: pupilId, school_id: scope.schoolId, picture: defaultPicture, picture_code_hash: null, pincode_hash: null, card_token_hash: null, card_issued_at: null, locked_until: null, last_login_at: null, ...changes })
    .onConflict((oc) => oc.column('pupil_id').doUpdateSet(changes))
    .execute();
}

/** A sign-in: forgets earlier wrong codes and any lock, and notes the time; compiled once, as every sign-in runs it. */
const signInStatement = compiledOncePerDatabase<'at' | 'zero' | 'none' | 'schoolId' | 'pupilId', Database, never>((db, p) =>
  db
    .updateTable('pupil_credentials')
    .set({ failed_attempts: p('zero'), locked_until: p('none'), last_login_at: p('at') })
    .where('school_id', '=', p('schoolId'))
    .where('pupil_id', '=', p('pupilId')),
);

/** Records a sign-in on the pupil's credential row; false when she has none yet. */
export async function recordSignIn(db: Kysely<Database>, scope: Scope, pupilId: number, at: string): Promise<boolean> {
  const result = await signInStatement(db)({ at, zero: 0, none: null, schoolId: scope.schoolId, pupilId });
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** One wrong code: count it, and lock when the limit is reached. Returns the new state. */
export async function recordFailure(db: Kysely<Database>, scope: Scope, pupilId: number, limit: number, lockUntil: string) {
  await db
    .updateTable('pupil_credentials')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('school_id', '=', scope.schoolId)
    .where('pupil_id', '=', pupilId)
    .execute();
  await db
    .updateTable('pupil_credentials')
    .set({ locked_until: lockUntil, failed_attempts: 0 })
    .where('school_id', '=', scope.schoolId)
    .where('pupil_id', '=', pupilId)
    .where('failed_attempts', '>=', limit)
    .execute();
  return credentialOf(db, scope, pupilId);
}

export interface CodePageRows {
  school: { id: number; name: string; instellingRef: string; ranges: string[] };
  /** Undefined when the school has no active pupil with that id. */
  pupil: ActivePupil | undefined;
  credential: CredentialRow | undefined;
}

/** One row of codePageRows' statement: the school, one of its ranges, the pupil and her credential (left-joined, so possibly empty). */
type CodePageRow = { [K in keyof CredentialRow]: CredentialRow[K] | null } & {
  sid: number;
  school_name: string;
  instelling_ref: string;
  cidr: string | null;
  pid: number | null;
  pupil_group_id: number | null;
  nickname: string | null;
  first_names: string | null;
  prefix: string | null;
  last_name: string | null;
};

const codePageStatement = compiledOncePerDatabase<'instellingRef' | 'pupilId', Database, CodePageRow>((db, p) =>
  db
    .selectFrom('schools')
    .leftJoin('pupils', (join) => join.onRef('pupils.school_id', '=', 'schools.id').on('pupils.id', '=', p('pupilId')).on('pupils.active', '=', sql.lit(1)))
    .leftJoin('pupil_credentials', (join) => join.onRef('pupil_credentials.pupil_id', '=', 'pupils.id').onRef('pupil_credentials.school_id', '=', 'pupils.school_id'))
    .leftJoin('school_networks', 'school_networks.school_id', 'schools.id')
    .selectAll('pupil_credentials')
    .select(['schools.id as sid', 'schools.name as school_name', 'schools.instelling_ref', 'school_networks.cidr'])
    .select(['pupils.id as pid', 'pupils.group_id as pupil_group_id', 'pupils.nickname', 'pupils.first_names', 'pupils.prefix', 'pupils.last_name'])
    .where('schools.instelling_ref', '=', p('instellingRef'))
    .where('schools.active', '=', sql.lit(1)),
);

/**
 * What a pupil's code page needs on every tap, in one statement: the active school by its
 * instellingRef, its network ranges, and the active pupil of that school with her credential.
 * The pupil is joined on the school's id, so the school scope holds; `pupilId` null (an id that
 * cannot be one) finds no pupil. One row per range (at least one). Compiled once: it runs at the
 * code page and again at its POST, for every pupil's login.
 */
export async function codePageRows(db: Kysely<Database>, instellingRef: string, pupilId: number | null): Promise<CodePageRows | undefined> {
  const { rows } = await codePageStatement(db)({ instellingRef, pupilId });
  if (rows.length === 0) return undefined;
  const { sid, school_name, instelling_ref, cidr: _cidr, pid, pupil_group_id, nickname, first_names, prefix, last_name, ...credential } = rows[0];
  const school = { id: Number(sid), name: school_name, instellingRef: instelling_ref, ranges: rows.flatMap((r) => (r.cidr ? [r.cidr] : [])) };
  if (pid === null) return { school, pupil: undefined, credential: undefined };
  const pupil = { id: pid, group_id: pupil_group_id, nickname, first_names, prefix, last_name };
  return { school, pupil, credential: credential.pupil_id === null ? undefined : (credential as CredentialRow) };
}

export async function schoolRanges(db: Kysely<Database>, scope: Scope) {
  return db.selectFrom('school_networks').select(['cidr', 'source', 'updated_at']).where('school_id', '=', scope.schoolId).orderBy('source').orderBy('cidr').execute();
}

export async function replaceRanges(db: Kysely<Database>, scope: Scope, source: 'manual' | 'dynamic', cidrs: readonly string[], at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('school_networks').where('school_id', '=', scope.schoolId).where('source', '=', source).execute();
    if (cidrs.length > 0) {
      await trx.insertInto('school_networks').values(cidrs.map((cidr) => ({ school_id: scope.schoolId, cidr, source, updated_at: at }))).execute();
    }
  });
}

export async function saveIpToken(db: Kysely<Database>, scope: Scope, tokenHash: string, at: string): Promise<void> {
  await db
    .insertInto('school_ip_tokens')
    .values({ school_id: scope.schoolId, token_hash: tokenHash, created_at: at, last_used_at: null })
    .onConflict((oc) => oc.column('school_id').doUpdateSet({ token_hash: tokenHash, created_at: at, last_used_at: null }))
    .execute();
}

export async function ipTokenOf(db: Kysely<Database>, scope: Scope) {
  return db.selectFrom('school_ip_tokens').select(['token_hash', 'created_at', 'last_used_at']).where('school_id', '=', scope.schoolId).executeTakeFirst();
}

export async function markIpTokenUsed(db: Kysely<Database>, scope: Scope, at: string): Promise<void> {
  await db.updateTable('school_ip_tokens').set({ last_used_at: at }).where('school_id', '=', scope.schoolId).execute();
}

/**
 * The groups a staff account teaches at a school: its teacher roles link to roster staff rows
 * (staff_id), whose group memberships come from the LAS.
 */
export async function taughtGroupIds(db: Kysely<Database>, scope: Scope, accountId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('staff_account_roles')
    .innerJoin('staff_groups', (join) => join.onRef('staff_groups.staff_id', '=', 'staff_account_roles.staff_id').on('staff_groups.school_id', '=', scope.schoolId))
    .select('staff_groups.group_id')
    .where('staff_account_roles.account_id', '=', accountId)
    .where('staff_account_roles.school_id', '=', scope.schoolId)
    .where('staff_account_roles.role', '=', 'teacher')
    .execute();
  return [...new Set(rows.map((r) => Number(r.group_id)))];
}

/** Public school search for the login page: active schools by name, place or BRIN. */
export async function searchSchools(db: Kysely<Database>, query: string, limit = 20) {
  const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;
  return db
    .selectFrom('schools')
    .select(['id', 'name', 'city', 'brin', 'location_code', 'instelling_ref'])
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([
        eb(sql`lower(name)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(coalesce(city, ''))`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(brin || location_code)`, 'like', sql`${like} escape '\\'`),
      ]),
    )
    .orderBy('name')
    .limit(limit)
    .execute();
}
