/**
 * A board's admins (bestuursbeheerders): the operator appoints them for any board, and a board
 * admin can appoint colleagues for his own board. An appointed address gets an activation mail
 * when it has no active account yet (members.addBoardAdmin).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { actorId, type Actor } from '../actor.js';
import { canManageBoard } from './account-status.js';
import type { StaffMemberService } from './members.js';
import * as store from './store.js';

export function createBoardAdminService(deps: { db: Kysely<Database>; members: StaffMemberService }) {
  const { db, members } = deps;

  async function board(actor: Actor, boardId: number) {
    if (!canManageBoard(actor, boardId)) throw new AppError('auth.forbidden');
    const row = await db.selectFrom('boards').select(['id', 'name', 'number']).where('id', '=', boardId).executeTakeFirst();
    if (!row) throw new AppError('not_found');
    return { id: Number(row.id), name: row.name, number: row.number };
  }

  return {
    board,
    list: async (actor: Actor, boardId: number) => store.boardAdminsOf(db, { boardId: (await board(actor, boardId)).id }),
    async appoint(actor: Actor, boardId: number, input: { email: string; displayName: string }) {
      await board(actor, boardId);
      return members.addBoardAdmin(actorId(actor), boardId, input);
    },
    /** The boards this actor may open the board admin page of (all for the operator). */
    async boardsOf(actor: Actor) {
      let query = db.selectFrom('boards').select(['id', 'name', 'number']).orderBy('name');
      if (actor.kind !== 'operator') {
        const own = actor.kind === 'staff' ? actor.roles.flatMap((r) => (r.role === 'boardAdmin' && r.boardId !== null ? [r.boardId] : [])) : [];
        if (own.length === 0) return [];
        query = query.where('id', 'in', own);
      }
      return (await query.execute()).map((r) => ({ id: Number(r.id), name: r.name, number: r.number }));
    },
  };
}

export type BoardAdminService = ReturnType<typeof createBoardAdminService>;
