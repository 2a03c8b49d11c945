/**
 * The operator switches a parent's home login off and on. A disabled parent cannot sign in, its
 * links stop working, and its live parent sessions are refused from the next request (the actor
 * resolver reads the parent's status on every request). After the change is committed those
 * sessions are ended too, so switching the account on again does not bring them back. (A child's
 * session already opened from home is the child's own pupil session; it runs to its normal end.)
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { actorId, assertOperator, type Actor } from '../actor.js';
import type { SessionService } from '../sessions.js';
import * as store from './store.js';

export function createParentStatusService(deps: { db: Kysely<Database>; clock: Clock; sessions: Pick<SessionService, 'endAllFor'> }) {
  const { db, clock } = deps;
  return {
    byEmail: (email: string) => store.accountByEmail(db, email),
    async setEnabled(actor: Actor, parentId: number, enabled: boolean) {
      assertOperator(actor);
      const result = await db.transaction().execute(async (trx) => {
        const account = await store.accountById(trx, parentId);
        if (!account) throw new AppError('parents.account_not_found');
        if (enabled === (account.status !== 'disabled')) return { account, changed: false };
        await trx
          .updateTable('parent_accounts')
          .set({ status: enabled ? (account.passwordHash ? 'active' : 'requested') : 'disabled' })
          .where('id', '=', parentId)
          .execute();
        if (!enabled) for (const purpose of ['activation', 'reset'] as const) await store.voidTokens(trx, parentId, purpose, clock.now().toISOString());
        await recordAudit(trx, clock, { actor: actorId(actor), action: enabled ? 'parent.account_enabled' : 'parent.account_disabled', details: { parentId } });
        return { account, changed: true };
      });
      if (result.changed && !enabled) await deps.sessions.endAllFor({ kind: 'parent', parentId });
      return result;
    },
  };
}

export type ParentStatusService = ReturnType<typeof createParentStatusService>;
