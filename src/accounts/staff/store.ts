/** The SQL of staff accounts, their roles and their one-time tokens. Tokens arrive hashed. */
import { PostgresAdapter, sql, type Kysely, type QueryCreator } from 'kysely';
import { compiledOncePerDatabase } from '../../db/compiled-once.js';
import type { Database, StaffAccountStatus, StaffRoleName } from '../../db/index.js';
import { bucketSum } from '../pupils/counter-store.js';

export interface StaffAccountRow {
  id: number;
  email: string;
  displayName: string;
  passwordHash: string | null;
  status: StaffAccountStatus;
  /** Sealed with the secret box ('sb1.…'), or base32 plaintext stored before migration 008. */
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  lastLoginAt: string | null;
}

export type TokenPurpose = 'activation' | 'reset' | 'totp_login';

const accountColumns = ['id', 'email', 'display_name', 'password_hash', 'status', 'totp_secret', 'totp_enabled', 'totp_last_step', 'last_login_at'] as const;

function toAccount(row: {
  id: number;
  email: string;
  display_name: string;
  password_hash: string | null;
  status: StaffAccountStatus;
  totp_secret: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  last_login_at: string | null;
}): StaffAccountRow {
  return {
    id: Number(row.id),
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    status: row.status,
    totpSecret: row.totp_secret,
    totpEnabled: Number(row.totp_enabled) === 1,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    lastLoginAt: row.last_login_at,
  };
}

export async function accountByEmail(db: Kysely<Database>, email: string): Promise<StaffAccountRow | undefined> {
  const row = await db.selectFrom('staff_accounts').select(accountColumns).where('email', '=', email).executeTakeFirst();
  return row && toAccount(row);
}

/** The row of accountCounting: the account's columns (empty for an unknown address) and the two failure counts. */
type AccountCountingRow = { [K in (typeof accountColumns)[number]]: Parameters<typeof toAccount>[0][K] | null } & {
  account_failures: number | string | null;
  ip_failures: number | string | null;
};

const accountCounting = compiledOncePerDatabase<'email' | 'accountKey' | 'ipKey' | 'oldest', Database, AccountCountingRow>((db, p) =>
  db
    .selectFrom(db.selectNoFrom(sql.lit(1).as('one')).as('one'))
    .leftJoin('staff_accounts', (join) => join.on('staff_accounts.email', '=', p('email')))
    .select(accountColumns.map((c) => `staff_accounts.${c}` as const))
    .select([bucketSum(db, p('accountKey'), p('oldest')).as('account_failures'), bucketSum(db, p('ipKey'), p('oldest')).as('ip_failures')]),
);

/**
 * `accountByEmail` and, in the same statement, the sign-in throttle's two failure counts (the
 * attempt buckets of `accountKey` and `ipKey` from bucket `oldest` on, as one-row sub-queries):
 * one round trip instead of two per sign-in, compiled once (prepared on PostgreSQL), as every
 * staff sign-in runs it. A row comes back for an unknown address too (the counts count for it),
 * with the account columns empty.
 */
export async function accountByEmailCounting(
  db: Kysely<Database>,
  email: string,
  counts: { accountKey: string; ipKey: string; oldest: number },
): Promise<{ account: StaffAccountRow | undefined; counts: { account: number; ip: number } }> {
  const [row] = (await accountCounting(db)({ email, accountKey: counts.accountKey, ipKey: counts.ipKey, oldest: counts.oldest })).rows;
  const { account_failures, ip_failures, ...columns } = row;
  const account = columns.id === null ? undefined : toAccount(columns as Parameters<typeof toAccount>[0]);
  return { account, counts: { account: Number(account_failures ?? 0), ip: Number(ip_failures ?? 0) } };
}

export async function accountById(db: Kysely<Database>, id: number): Promise<StaffAccountRow | undefined> {
  const row = await db.selectFrom('staff_accounts').select(accountColumns).where('id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}

export async function insertAccount(db: Kysely<Database>, account: { email: string; displayName: string; createdAt: string }): Promise<number> {
  const row = await db
    .insertInto('staff_accounts')
    .values({ email: account.email, display_name: account.displayName, password_hash: null, status: 'invited', totp_secret: null, created_at: account.createdAt, activated_at: null, last_login_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function setPassword(db: Kysely<Database>, accountId: number, passwordHash: string, now: string): Promise<void> {
  const account = await accountById(db, accountId);
  await db
    .updateTable('staff_accounts')
    .set({ password_hash: passwordHash, status: 'active', activated_at: account?.status === 'invited' ? now : undefined })
    .where('id', '=', accountId)
    // A link of an account switched off meanwhile must not switch it on again.
    .where('status', '!=', 'disabled')
    .execute();
}

export async function setStatus(db: Kysely<Database>, accountId: number, status: StaffAccountStatus): Promise<void> {
  await db.updateTable('staff_accounts').set({ status }).where('id', '=', accountId).execute();
}

export interface BoardAdminRow {
  accountId: number;
  email: string;
  displayName: string;
  status: StaffAccountStatus;
  lastLoginAt: string | null;
}

/** The board admins of one board (tenant scope: the board id). */
export async function boardAdminsOf(db: Kysely<Database>, scope: { boardId: number }): Promise<BoardAdminRow[]> {
  const rows = await db
    .selectFrom('staff_account_roles as r')
    .innerJoin('staff_accounts as a', 'a.id', 'r.account_id')
    .select(['a.id', 'a.email', 'a.display_name', 'a.status', 'a.last_login_at'])
    .where('r.role', '=', 'boardAdmin')
    .where('r.board_id', '=', scope.boardId)
    .orderBy('a.display_name')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ accountId: Number(r.id), email: r.email, displayName: r.display_name, status: r.status, lastLoginAt: r.last_login_at }));
}

const lastLoginStatement = compiledOncePerDatabase<'accountId' | 'now', Database, never>((db, p) => db.updateTable('staff_accounts').set({ last_login_at: p('now') }).where('id', '=', p('accountId')));

export async function setLastLogin(db: Kysely<Database>, accountId: number, now: string): Promise<void> {
  await lastLoginStatement(db)({ accountId, now });
}

type SignInValues = { accountId: number; now: string; actor: string; action: string; details: string };

/** A sign-in's audit entry (no board or school), in a statement compiled once (`p` is compiledOnce's). */
const auditEntry = (qb: QueryCreator<Database>, p: (name: Exclude<keyof SignInValues, 'accountId'>) => never) =>
  qb.insertInto('audit_log').values({ at: p('now'), actor: p('actor'), action: p('action'), details: p('details') });

/** PostgreSQL: the audit entry as a data-modifying CTE of the last-login update, so both happen or neither. */
const signInInOneStatement = compiledOncePerDatabase<keyof SignInValues, Database, never>((db, p) =>
  db
    .with('audited', (qb) => auditEntry(qb, p))
    .updateTable('staff_accounts')
    .set({ last_login_at: p('now') })
    .where('id', '=', p('accountId')),
);
/** SQLite has no such CTE: the entry, then the last-login time, in turn. */
const signInAudit = compiledOncePerDatabase<Exclude<keyof SignInValues, 'accountId'>, Database, never>((db, p) => auditEntry(db, p));

/**
 * A password sign-in's two writes, the audit entry (first) and the last-login time: one
 * statement on PostgreSQL, two on SQLite. Compiled once, as every staff sign-in runs them.
 */
export async function recordSignIn(db: Kysely<Database>, accountId: number, now: string, audit: { action: string; details: Record<string, unknown> }): Promise<void> {
  const values = { accountId, now, actor: `staff:${accountId}`, action: audit.action, details: JSON.stringify(audit.details) };
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await signInInOneStatement(db)(values);
    return;
  }
  await signInAudit(db)(values);
  await setLastLogin(db, accountId, now);
}

/** A new secret (sealed) or none; the remembered step starts over with it. */
export async function setTotp(db: Kysely<Database>, accountId: number, totp: { secret: string | null; enabled: boolean }): Promise<void> {
  await db.updateTable('staff_accounts').set({ totp_secret: totp.secret, totp_enabled: totp.enabled ? 1 : 0, totp_last_step: null }).where('id', '=', accountId).execute();
}

export async function enableTotp(db: Kysely<Database>, accountId: number): Promise<void> {
  await db.updateTable('staff_accounts').set({ totp_enabled: 1 }).where('id', '=', accountId).execute();
}

/** Replaces a plaintext secret by its sealed form, unless the secret changed in the meantime. */
export async function resealTotp(db: Kysely<Database>, accountId: number, plaintext: string, sealed: string): Promise<void> {
  await db.updateTable('staff_accounts').set({ totp_secret: sealed }).where('id', '=', accountId).where('totp_secret', '=', plaintext).execute();
}

/**
 * Records `step` as the last accepted TOTP step; false when this or a later step was already
 * accepted. One conditional UPDATE, so the same code sent twice at once succeeds only once.
 */
export async function acceptTotpStep(db: Kysely<Database>, accountId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_accounts')
    .set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface RoleRow {
  id: number;
  role: StaffRoleName;
  schoolId: number | null;
  boardId: number | null;
  groupId: number | null;
  source: 'roster' | 'manual';
}

export async function rolesOf(db: Kysely<Database>, accountId: number): Promise<RoleRow[]> {
  const rows = await db
    .selectFrom('staff_account_roles')
    .select(['id', 'role', 'school_id', 'board_id', 'group_id', 'source'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    role: r.role,
    schoolId: r.school_id === null ? null : Number(r.school_id),
    boardId: r.board_id === null ? null : Number(r.board_id),
    groupId: r.group_id === null ? null : Number(r.group_id),
    source: r.source,
  }));
}

/** The roles of several accounts at once, by account id. */
export async function rolesOfAccounts(db: Kysely<Database>, accountIds: readonly number[]): Promise<Map<number, RoleRow[]>> {
  const rows = await db
    .selectFrom('staff_account_roles')
    .select(['id', 'account_id', 'role', 'school_id', 'board_id', 'group_id', 'source'])
    .where('account_id', 'in', [...accountIds])
    .execute();
  const byAccount = new Map<number, RoleRow[]>();
  for (const r of rows) {
    const id = Number(r.account_id);
    const list = byAccount.get(id) ?? [];
    list.push({ id: Number(r.id), role: r.role, schoolId: r.school_id === null ? null : Number(r.school_id), boardId: r.board_id === null ? null : Number(r.board_id), groupId: r.group_id === null ? null : Number(r.group_id), source: r.source });
    byAccount.set(id, list);
  }
  return byAccount;
}

export interface NewRole {
  accountId: number;
  role: StaffRoleName;
  schoolId: number | null;
  boardId: number | null;
  groupId: number | null;
  staffId: number | null;
  source: 'roster' | 'manual';
  createdBy: string;
  createdAt: string;
}

/**
 * Adds the role unless the account already has exactly this one; true when it was added. A
 * role given by hand before the roster knew the person gets linked to the roster row, so a
 * teacher's groups follow from the roster either way.
 */
export async function addRoleOnce(db: Kysely<Database>, role: NewRole): Promise<boolean> {
  let existing = db.selectFrom('staff_account_roles').select(['id', 'staff_id']).where('account_id', '=', role.accountId).where('role', '=', role.role);
  existing = role.schoolId === null ? existing.where('school_id', 'is', null) : existing.where('school_id', '=', role.schoolId);
  existing = role.boardId === null ? existing.where('board_id', 'is', null) : existing.where('board_id', '=', role.boardId);
  existing = role.groupId === null ? existing.where('group_id', 'is', null) : existing.where('group_id', '=', role.groupId);
  const found = await existing.executeTakeFirst();
  if (found) {
    if (found.staff_id === null && role.staffId !== null) await db.updateTable('staff_account_roles').set({ staff_id: role.staffId }).where('id', '=', found.id).execute();
    return false;
  }
  await db
    .insertInto('staff_account_roles')
    .values({
      account_id: role.accountId,
      role: role.role,
      school_id: role.schoolId,
      board_id: role.boardId,
      group_id: role.groupId,
      staff_id: role.staffId,
      source: role.source,
      created_by: role.createdBy,
      created_at: role.createdAt,
    })
    .execute();
  return true;
}

export interface SchoolStaffAccount {
  accountId: number;
  email: string;
  displayName: string;
  status: StaffAccountStatus;
  lastLoginAt: string | null;
  roles: Array<{ role: StaffRoleName; groupId: number | null }>;
}

/** Accounts with a role at this school, with those roles (and no roles elsewhere: tenant scope). */
export async function accountsOfSchool(db: Kysely<Database>, scope: { schoolId: number }): Promise<SchoolStaffAccount[]> {
  const rows = await db
    .selectFrom('staff_account_roles as r')
    .innerJoin('staff_accounts as a', 'a.id', 'r.account_id')
    .select(['a.id', 'a.email', 'a.display_name', 'a.status', 'a.last_login_at', 'r.role', 'r.group_id'])
    .where('r.school_id', '=', scope.schoolId)
    .orderBy('a.display_name')
    .orderBy('a.id')
    .execute();
  const byAccount = new Map<number, SchoolStaffAccount>();
  for (const row of rows) {
    const id = Number(row.id);
    let account = byAccount.get(id);
    if (!account) {
      account = { accountId: id, email: row.email, displayName: row.display_name, status: row.status, lastLoginAt: row.last_login_at, roles: [] };
      byAccount.set(id, account);
    }
    account.roles.push({ role: row.role, groupId: row.group_id === null ? null : Number(row.group_id) });
  }
  return [...byAccount.values()];
}

export async function insertToken(
  db: Kysely<Database>,
  token: { tokenHash: string; accountId: number; purpose: TokenPurpose; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('staff_account_tokens')
    .values({ token_hash: token.tokenHash, account_id: token.accountId, purpose: token.purpose, created_at: token.createdAt, expires_at: token.expiresAt, used_at: null })
    .execute();
}

/** Whether the token is unused and unexpired; returns its account without using it. */
export async function usableToken(db: Kysely<Database>, tokenHash: string, purpose: TokenPurpose, now: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('staff_account_tokens')
    .select('account_id')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && Number(row.account_id);
}

/** Uses the token once: one conditional UPDATE, so two simultaneous uses cannot both succeed. */
export async function consumeToken(db: Kysely<Database>, tokenHash: string, purpose: TokenPurpose, now: string): Promise<number | undefined> {
  const accountId = await usableToken(db, tokenHash, purpose, now);
  if (accountId === undefined) return undefined;
  const result = await db
    .updateTable('staff_account_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? accountId : undefined;
}

/** A new reset or activation link makes the older ones of that purpose useless. */
export async function voidTokens(db: Kysely<Database>, accountId: number, purpose: TokenPurpose, now: string): Promise<void> {
  await db
    .updateTable('staff_account_tokens')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

export async function deleteExpiredTokens(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('staff_account_tokens').where('expires_at', '<=', now).execute();
}
