/**
 * Staff members of a school: the ICT-coördinator (or the operator) adds someone by e-mail
 * with a role, or invites everyone from the roster who has an e-mail address. One address is
 * one identity, so a teacher at two schools has one account with roles at both.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { Mailer } from '../../mail/index.js';
import { normaliseEmail, normaliseName, rosterDisplayName, usableEmail } from './identity.js';
import { activationMail } from './mail-texts.js';
import { parseRoleCodes, rosterRoles } from './roster-roles.js';
import * as store from './store.js';

export const ACTIVATION_DAYS = 7;
export const ACTIVATION_PATH = '/account/activeren/';

/** Roles a school can give by hand; board admins are appointed by the operator. */
export const MANUAL_SCHOOL_ROLES = ['schoolAdmin', 'teacher', 'supportStaff'] as const;
export type ManualSchoolRole = (typeof MANUAL_SCHOOL_ROLES)[number];

export interface InvitationSummary {
  /** Accounts that got an activation mail. */
  invited: number;
  /** Staff with an account that is already active (their roles were brought up to date). */
  alreadyActive: number;
  /** Active roster staff without a usable e-mail address or without a role that gives access. */
  skipped: number;
}

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
  mailer: Pick<Mailer, 'send'>;
  publicUrl: string;
}

export function createStaffMemberService(deps: Deps) {
  const { db, clock, mailer, publicUrl } = deps;
  const now = () => clock.now().toISOString();

  async function schoolOf(trx: Kysely<Database>, schoolId: number) {
    const school = await trx.selectFrom('schools').select(['id', 'name', 'board_id']).where('id', '=', schoolId).executeTakeFirst();
    if (!school) throw new AppError('not_found');
    return { id: Number(school.id), name: school.name, boardId: Number(school.board_id) };
  }

  /** The account for this address, created (invited) when there is none yet. */
  async function findOrInvite(trx: Kysely<Database>, email: string, displayName: string, actor: string, audit: { boardId: number | null; schoolId: number | null }) {
    const existing = await store.accountByEmail(trx, email);
    if (existing) return existing;
    const id = await store.insertAccount(trx, { email, displayName, createdAt: now() });
    await recordAudit(trx, clock, { actor, action: 'staff.account_created', ...audit, details: { accountId: id } });
    return (await store.accountById(trx, id))!;
  }

  /** A fresh activation link (older ones stop working) for an account that is not active yet. */
  async function newActivationToken(trx: Kysely<Database>, accountId: number): Promise<string> {
    const token = newToken();
    await store.voidTokens(trx, accountId, 'activation', now());
    await store.insertToken(trx, {
      tokenHash: hashToken(token),
      accountId,
      purpose: 'activation',
      createdAt: now(),
      expiresAt: new Date(clock.now().getTime() + ACTIVATION_DAYS * 24 * 60 * 60_000).toISOString(),
    });
    return token;
  }

  async function sendActivation(to: { email: string; displayName: string }, token: string, school: { id: number; name: string } | null) {
    const mail = activationMail({ displayName: to.displayName, schoolName: school?.name ?? null, url: `${publicUrl}${ACTIVATION_PATH}${token}` });
    await mailer.send({ to: to.email, subject: mail.subject, text: mail.text, html: mail.html, purpose: 'staff.activation', schoolId: school?.id ?? null });
  }

  /** Adds a staff member to a school by e-mail with a role; mails an activation link when the account is not active yet. */
  async function addToSchool(actor: string, scope: { schoolId: number }, input: { email: string; displayName: string; role: string }) {
    const email = normaliseEmail(input.email);
    const displayName = normaliseName(input.displayName);
    if (!(MANUAL_SCHOOL_ROLES as readonly string[]).includes(input.role)) throw new AppError('staff.invalid_role');
    const role = input.role as ManualSchoolRole;
    const outcome = await db.transaction().execute(async (trx) => {
      const school = await schoolOf(trx, scope.schoolId);
      const audit = { boardId: school.boardId, schoolId: school.id };
      const account = await findOrInvite(trx, email, displayName, actor, audit);
      const added = await store.addRoleOnce(trx, { accountId: account.id, role, schoolId: school.id, boardId: null, groupId: null, staffId: null, source: 'manual', createdBy: actor, createdAt: now() });
      if (added) await recordAudit(trx, clock, { actor, action: 'staff.role_added', ...audit, details: { accountId: account.id, role } });
      const token = account.status === 'invited' ? await newActivationToken(trx, account.id) : null;
      return { account, school, token, added };
    });
    if (outcome.token) await sendActivation(outcome.account, outcome.token, outcome.school);
    return { accountId: outcome.account.id, invited: outcome.token !== null, roleAdded: outcome.added };
  }

  /**
   * The account for this address without any role, invited (activation mail) when new or not
   * yet active: a substitute's access is a time-boxed grant, not a role.
   */
  async function ensureAccount(actor: string, scope: { schoolId: number }, input: { email: string; displayName: string }) {
    const email = normaliseEmail(input.email);
    const outcome = await db.transaction().execute(async (trx) => {
      const school = await schoolOf(trx, scope.schoolId);
      const known = await store.accountByEmail(trx, email);
      const account = known ?? (await findOrInvite(trx, email, normaliseName(input.displayName), actor, { boardId: school.boardId, schoolId: school.id }));
      const token = account.status === 'invited' ? await newActivationToken(trx, account.id) : null;
      return { account, school, token };
    });
    if (outcome.token) await sendActivation(outcome.account, outcome.token, outcome.school);
    return { accountId: outcome.account.id, invited: outcome.token !== null };
  }

  /** The operator appoints a board admin, who manages every school of the board. */
  async function addBoardAdmin(actor: string, boardId: number, input: { email: string; displayName: string }) {
    const email = normaliseEmail(input.email);
    const displayName = normaliseName(input.displayName);
    const outcome = await db.transaction().execute(async (trx) => {
      const board = await trx.selectFrom('boards').select('id').where('id', '=', boardId).executeTakeFirst();
      if (!board) throw new AppError('not_found');
      const audit = { boardId, schoolId: null };
      const account = await findOrInvite(trx, email, displayName, actor, audit);
      const added = await store.addRoleOnce(trx, { accountId: account.id, role: 'boardAdmin', schoolId: null, boardId, groupId: null, staffId: null, source: 'manual', createdBy: actor, createdAt: now() });
      if (added) await recordAudit(trx, clock, { actor, action: 'staff.role_added', ...audit, details: { accountId: account.id, role: 'boardAdmin' } });
      const token = account.status === 'invited' ? await newActivationToken(trx, account.id) : null;
      return { account, token };
    });
    if (outcome.token) await sendActivation(outcome.account, outcome.token, null);
    return { accountId: outcome.account.id, invited: outcome.token !== null };
  }

  /**
   * "Uitnodigingen versturen": every active roster staff member with an e-mail address and a
   * role that gives access gets (or keeps) an account with the roster's roles; those not yet
   * active get a new activation mail.
   */
  async function inviteFromRoster(actor: string, scope: { schoolId: number }): Promise<InvitationSummary> {
    const summary: InvitationSummary = { invited: 0, alreadyActive: 0, skipped: 0 };
    const outbox: Array<{ account: store.StaffAccountRow; token: string }> = [];
    const school = await db.transaction().execute(async (trx) => {
      const school = await schoolOf(trx, scope.schoolId);
      const audit = { boardId: school.boardId, schoolId: school.id };
      const staff = await trx
        .selectFrom('staff')
        .select(['id', 'email', 'roles', 'nickname', 'first_names', 'initials', 'prefix', 'last_name'])
        .where('school_id', '=', school.id)
        .where('active', '=', 1)
        .orderBy('id')
        .execute();
      const memberships = await trx
        .selectFrom('staff_groups')
        .innerJoin('groups', 'groups.id', 'staff_groups.group_id')
        .select(['staff_groups.staff_id', 'staff_groups.group_id'])
        .where('staff_groups.school_id', '=', school.id)
        .where('groups.active', '=', 1)
        .execute();
      const invitedNow = new Set<number>();
      for (const row of staff) {
        const email = usableEmail(row.email);
        const groupIds = memberships.filter((m) => Number(m.staff_id) === Number(row.id)).map((m) => Number(m.group_id));
        const roles = rosterRoles(parseRoleCodes(row.roles), groupIds);
        if (!email || roles.length === 0) {
          summary.skipped++;
          continue;
        }
        const account = await findOrInvite(trx, email, rosterDisplayName(row), actor, audit);
        for (const role of roles) {
          const added = await store.addRoleOnce(trx, { accountId: account.id, role: role.role, schoolId: school.id, boardId: null, groupId: role.groupId, staffId: Number(row.id), source: 'roster', createdBy: actor, createdAt: now() });
          if (added) await recordAudit(trx, clock, { actor, action: 'staff.role_added', ...audit, details: { accountId: account.id, role: role.role, source: 'roster' } });
        }
        if (account.status !== 'invited') summary.alreadyActive++;
        else if (!invitedNow.has(account.id)) {
          invitedNow.add(account.id);
          outbox.push({ account, token: await newActivationToken(trx, account.id) });
        }
      }
      await recordAudit(trx, clock, { actor, action: 'staff.invitations_sent', ...audit, details: { invited: outbox.length, alreadyActive: summary.alreadyActive, skipped: summary.skipped } });
      return school;
    });
    for (const { account, token } of outbox) {
      await sendActivation(account, token, school);
      summary.invited++;
    }
    return summary;
  }

  async function listForSchool(scope: { schoolId: number }) {
    return store.accountsOfSchool(db, scope);
  }

  async function account(accountId: number) {
    return store.accountById(db, accountId);
  }

  /** Names of the schools a staff member manages, for the account page. */
  async function schoolNames(schoolIds: readonly number[]): Promise<Array<{ id: number; name: string }>> {
    if (schoolIds.length === 0) return [];
    const rows = await db.selectFrom('schools').select(['id', 'name']).where('id', 'in', [...schoolIds]).orderBy('name').execute();
    return rows.map((r) => ({ id: Number(r.id), name: r.name }));
  }

  async function recordLogoutEverywhere(accountId: number, sessionsEnded: number): Promise<void> {
    await recordAudit(db, clock, { actor: `staff:${accountId}`, action: 'staff.logged_out_everywhere', details: { sessionsEnded } });
  }

  return { addToSchool, ensureAccount, addBoardAdmin, inviteFromRoster, listForSchool, account, schoolNames, recordLogoutEverywhere };
}

export type StaffMemberService = ReturnType<typeof createStaffMemberService>;
