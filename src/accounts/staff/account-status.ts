/**
 * Switching a staff account off and on again. A disabled account cannot sign in, its links stop
 * working, and its live sessions are refused from the next request (the actor resolver reads the
 * status on every request). After the change is committed its Leerpoort sessions are ended too —
 * otherwise switching it on again would bring them back — and its OIDC sessions and grants at the
 * publishers end, with a back-channel logout (the `publishers` port). Who may do it:
 * the operator for any account; an ICT-coördinator or board admin only for an account whose
 * every role lies within what she manages (a teacher who also works at a school of another
 * board is that board's decision too), and never her own account.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { actorId, type Actor } from '../actor.js';
import type { PublisherSessions } from '../publisher-sessions.js';
import type { SessionService } from '../sessions.js';
import * as store from './store.js';

/** May this actor manage the board (appoint its board admins)? The operator, or one of its board admins. */
export function canManageBoard(actor: Actor, boardId: number): boolean {
  if (actor.kind === 'operator') return true;
  return actor.kind === 'staff' && actor.roles.some((r) => r.role === 'boardAdmin' && r.boardId === boardId);
}

export function mayChangeStatus(actor: Actor, accountId: number, roles: readonly store.RoleRow[]): boolean {
  if (actor.kind === 'operator') return true;
  if (actor.kind !== 'staff' || actor.accountId === accountId || roles.length === 0) return false;
  return roles.every((r) => (r.schoolId !== null ? actor.managedSchoolIds.includes(r.schoolId) : r.boardId !== null && canManageBoard(actor, r.boardId)));
}

export function createStaffStatusService(deps: { db: Kysely<Database>; clock: Clock; publishers: PublisherSessions; sessions: Pick<SessionService, 'endAllFor'> }) {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();

  /** Switches the account off (`enabled` false) or on; returns the account for ending its sessions. */
  async function setEnabled(actor: Actor, accountId: number, enabled: boolean, scope: { schoolId: number | null } = { schoolId: null }) {
    const result = await db.transaction().execute(async (trx) => {
      const account = await store.accountById(trx, accountId);
      if (!account) throw new AppError('staff.account_not_found');
      const roles = await store.rolesOf(trx, accountId);
      // On a school's page only that school's staff are in reach, whoever asks.
      if (scope.schoolId !== null && !roles.some((r) => r.schoolId === scope.schoolId)) throw new AppError('staff.account_not_found');
      if (!mayChangeStatus(actor, accountId, roles)) throw new AppError('staff.status_forbidden');
      const status = enabled ? (account.passwordHash ? 'active' : 'invited') : 'disabled';
      if (enabled === (account.status !== 'disabled')) return { account, changed: false };
      await store.setStatus(trx, accountId, status);
      if (!enabled) for (const purpose of ['activation', 'reset', 'totp_login'] as const) await store.voidTokens(trx, accountId, purpose, now());
      await recordAudit(trx, clock, { actor: actorId(actor), action: enabled ? 'staff.account_enabled' : 'staff.account_disabled', schoolId: scope.schoolId, details: { accountId } });
      return { account, changed: true };
    });
    if (result.changed && !enabled) {
      await deps.sessions.endAllFor({ kind: 'staff', accountId });
      await deps.publishers.endAllOf([{ kind: 'staff', accountId }]);
    }
    return result;
  }

  /** Which of these accounts this actor may switch off or on (for showing the buttons); one query. */
  async function changeable(actor: Actor, accountIds: readonly number[]): Promise<number[]> {
    if (accountIds.length === 0) return [];
    const roles = await store.rolesOfAccounts(db, accountIds);
    return accountIds.filter((id) => mayChangeStatus(actor, id, roles.get(id) ?? []));
  }

  return { setEnabled, changeable, byEmail: (email: string) => store.accountByEmail(db, email) };
}

export type StaffStatusService = ReturnType<typeof createStaffStatusService>;
