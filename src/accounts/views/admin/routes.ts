/**
 * Account administration over HTTP: a board's admins (appointed by the operator or by a board
 * admin of that board) and the operator's account search, where any staff or parent account
 * can be switched off and on again. Every change is a POST form with CSRF and is audited by
 * the service; every redirect goes to a fixed path built from ids.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../lib/errors.js';
import { pageContext, seeOther, sendPage } from '../../../http/page.js';
import { requireOperator } from '../../../http/session.js';
import type { StaffAccountService } from '../../staff/index.js';
import type { ParentAccountService } from '../../parents/index.js';
import { normaliseEmail } from '../../staff/identity.js';
import { BoardAdminsPage, OperatorAccountsPage, type BoardAdminsPageProps } from '../account-admin-pages.js';
import { staffTexts as s } from '../staff-texts.js';

type Body = Record<string, string | undefined>;

const idParam = (raw: string | undefined): number => {
  if (!raw || !/^\d{1,15}$/.test(raw)) throw new AppError('not_found');
  return Number(raw);
};

export const accountAdminRoutes: FastifyPluginAsync<{ staff: StaffAccountService; parents: ParentAccountService }> = async (app, options) => {
  const { staff, parents } = options;
  const boardBase = '/beheer/besturen/:boardId/beheerders';
  const boards = () => staff.boardAdmins;

  async function renderBoard(request: FastifyRequest, reply: FastifyReply, extra: Pick<BoardAdminsPageProps, 'notice' | 'form'> = {}, status = 200) {
    if (!request.actor) throw new AppError('auth.required');
    const boardId = idParam((request.params as { boardId?: string }).boardId);
    const board = await boards().board(request.actor, boardId);
    const admins = await boards().list(request.actor, boardId);
    // The accounts' real roles decide (a board admin may also work at a school of another board).
    const changeable = await staff.status.changeable(request.actor, admins.map((a) => a.accountId));
    return sendPage(reply, BoardAdminsPage({ context: pageContext(request, reply), board, admins, changeable, ...extra }), status);
  }

  app.get(boardBase, async (request, reply) => {
    const query = request.query as { aangesteld?: string; status?: string };
    const notice = query.aangesteld === '1' ? s.boardAdmins.appointed : query.status === 'uit' ? s.accountStatus.disabled : query.status === 'aan' ? s.accountStatus.enabled : undefined;
    return renderBoard(request, reply, { notice });
  });

  app.post(boardBase, async (request, reply) => {
    if (!request.actor) throw new AppError('auth.required');
    const boardId = idParam((request.params as { boardId?: string }).boardId);
    const body = (request.body as Body | undefined) ?? {};
    const input = { email: body.email ?? '', displayName: body.displayName ?? '' };
    try {
      await staff.boardAdmins.appoint(request.actor, boardId, input);
    } catch (error) {
      if (!isAppError(error) || !['staff.invalid_email', 'staff.invalid_name', 'mail.invalid_address'].includes(error.code)) throw error;
      return renderBoard(request, reply, { form: { ...input, error: error.message } }, error.status);
    }
    return seeOther(reply, `/beheer/besturen/${boardId}/beheerders?aangesteld=1`);
  });

  for (const [path, enabled] of [['inschakelen', true], ['uitschakelen', false]] as const) {
    app.post(`${boardBase}/:accountId/${path}`, async (request, reply) => {
      if (!request.actor) throw new AppError('auth.required');
      const params = request.params as { boardId?: string; accountId?: string };
      const boardId = idParam(params.boardId);
      const accountId = idParam(params.accountId);
      // Only this board's admins are in reach of this page.
      if (!(await boards().list(request.actor, boardId)).some((a) => a.accountId === accountId)) throw new AppError('staff.account_not_found');
      await staff.status.setEnabled(request.actor, accountId, enabled);
      return seeOther(reply, `/beheer/besturen/${boardId}/beheerders?status=${enabled ? 'aan' : 'uit'}`);
    });

    app.post(`/beheer/accounts/medewerkers/:accountId/${path}`, { onRequest: requireOperator }, async (request, reply) => {
      const accountId = idParam((request.params as { accountId?: string }).accountId);
      const { account } = await staff.status.setEnabled(request.actor!, accountId, enabled);
      return seeOther(reply, `/beheer/accounts?email=${encodeURIComponent(account.email)}&status=${enabled ? 'aan' : 'uit'}`);
    });

    app.post(`/beheer/accounts/ouders/:parentId/${path}`, { onRequest: requireOperator }, async (request, reply) => {
      const parentId = idParam((request.params as { parentId?: string }).parentId);
      const { account } = await parents.status.setEnabled(request.actor!, parentId, enabled);
      return seeOther(reply, `/beheer/accounts?email=${encodeURIComponent(account.email)}&status=${enabled ? 'aan' : 'uit'}`);
    });
  }

  app.get('/beheer/accounts', { onRequest: requireOperator }, async (request, reply) => {
    const query = request.query as { email?: string; status?: string };
    const raw = String(query.email ?? '').trim().slice(0, 320);
    let email: string | null = null;
    try {
      email = raw ? normaliseEmail(raw) : null;
    } catch {
      email = null;
    }
    const notice = query.status === 'uit' ? s.accountStatus.disabled : query.status === 'aan' ? s.accountStatus.enabled : undefined;
    const page = OperatorAccountsPage({
      context: pageContext(request, reply),
      email: raw,
      staff: (email && (await staff.status.byEmail(email))) || null,
      parent: (email && (await parents.status.byEmail(email))) || null,
      boards: await staff.boardAdmins.boardsOf(request.actor!),
      notice,
    });
    return sendPage(reply, page);
  });
};
