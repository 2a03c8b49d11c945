/**
 * The privacy pages. School pages (`/beheer/scholen/:schoolId/uitgeverijen`, `…/verstrekkingen`)
 * are for whoever manages the school (its ICT-coördinator, a board admin, the operator reading);
 * only staff change consent. Board pages (`/beheer/besturen/:boardId/privacy`) are for that
 * board's admins and the operator. `/beheer/verwerkersovereenkomsten` is the operator's.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { actorId, assertSchoolAccess, type Actor } from '../accounts/index.js';
import { AppError, isAppError } from '../lib/errors.js';
import { pageContext, seeOther, sendPage } from '../http/page.js';
import { requireOperator, requireSchoolAccess, schoolIdParam } from '../http/session.js';
import type { OrganisationService } from '../organisations/index.js';
import type { PrivacyService } from './service.js';
import type { PrivacyActor, PublisherDirectory } from './types.js';
import { ConsentPage } from './views/consent-page.js';
import { AgreementsPage, type AgreementsPageProps } from './views/agreements-page.js';
import { BoardPrivacyPage, SchoolLedgerPage } from './views/ledger-pages.js';
import type { Period } from './views/parts.js';
import { receiptText } from './views/receipt-text.js';
import { privacyTexts as t } from './views/texts.js';

export interface PrivacyRouteOptions {
  privacy: PrivacyService;
  organisations: OrganisationService;
  publishers: PublisherDirectory;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d{1,15}$/;

function period(request: FastifyRequest): Period {
  const q = request.query as { van?: unknown; tot?: unknown };
  const date = (v: unknown) => (typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)) ? v : '');
  return { from: date(q.van), to: date(q.tot) };
}

const periodQuery = (p: Period) => ({ from: p.from || undefined, to: p.to || undefined });

function privacyActor(actor: Actor): PrivacyActor {
  return { id: actorId(actor), name: actor.label };
}

/** A board's admins and the operator; nobody else, not even the ICT-coördinator of one of its schools. */
function canAccessBoard(actor: Actor | null, boardId: number): boolean {
  if (actor?.kind === 'operator') return true;
  return actor?.kind === 'staff' && actor.roles.some((r) => r.role === 'boardAdmin' && r.boardId === boardId);
}

function boardIdParam(request: FastifyRequest): number {
  const raw = (request.params as { boardId?: string }).boardId ?? '';
  if (!ID.test(raw)) throw new AppError('not_found');
  return Number(raw);
}

const requireBoardAccess: onRequestAsyncHookHandler = async (request) => {
  if (!request.actor) throw new AppError('auth.required');
  if (!canAccessBoard(request.actor, boardIdParam(request))) throw new AppError('auth.forbidden');
};

function sendCsv(reply: FastifyReply, fileName: string, chunks: AsyncIterable<string>): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(Readable.from(chunks));
}

export const privacyRoutes: FastifyPluginAsync<PrivacyRouteOptions> = async (app, options) => {
  const { privacy, organisations, publishers } = options;
  const school = { onRequest: requireSchoolAccess };

  async function schoolOf(request: FastifyRequest) {
    const found = await organisations.schoolById(schoolIdParam(request));
    if (!found) throw new AppError('not_found');
    return found;
  }

  // ---- the school: consent per publisher, receipts, ledger ----
  app.get('/beheer/scholen/:schoolId/uitgeverijen', school, async (request, reply) => {
    const s = await schoolOf(request);
    const [rows, receipts] = await Promise.all([privacy.consents.overview({ schoolId: s.id }), privacy.consents.receipts({ schoolId: s.id })]);
    const saved = (request.query as { opgeslagen?: string }).opgeslagen;
    const notice = saved !== undefined && ID.test(saved) ? t.consent.saved(Number(saved)) : null;
    return sendPage(reply, ConsentPage({ context: pageContext(request, reply), school: s, rows, receipts, canChange: request.actor?.kind === 'staff', notice }));
  });

  app.post('/beheer/scholen/:schoolId/uitgeverijen', school, async (request, reply) => {
    const s = await schoolOf(request);
    const actor = assertSchoolAccess(request.actor, s.id);
    // Consent is the school's own decision: the platform operator can read it, not give it.
    if (actor.kind !== 'staff') throw new AppError('privacy.consent_not_allowed');
    const raw = (request.body as { uitgeverij?: string | string[] } | undefined)?.uitgeverij ?? [];
    const ticked = [raw].flat().filter((v) => ID.test(v)).map(Number);
    const receipts = await privacy.consents.update(privacyActor(actor), { schoolId: s.id }, ticked);
    return seeOther(reply, `/beheer/scholen/${s.id}/uitgeverijen?opgeslagen=${receipts.length}`);
  });

  app.get<{ Params: { schoolId: string; number: string } }>('/beheer/scholen/:schoolId/uitgeverijen/ontvangstbewijzen/:number', school, async (request, reply) => {
    const s = await schoolOf(request);
    if (!/^OB-\d{6,15}$/.test(request.params.number)) throw new AppError('privacy.receipt_not_found');
    const receipt = await privacy.consents.receipt({ schoolId: s.id }, request.params.number);
    return reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="ontvangstbewijs-${receipt.number}.txt"`)
      .send(receiptText(receipt, JSON.stringify(receipt.content)));
  });

  app.get('/beheer/scholen/:schoolId/verstrekkingen', school, async (request, reply) => {
    const s = await schoolOf(request);
    const p = period(request);
    const [rows, receipts] = await Promise.all([privacy.ledger.list({ schoolId: s.id }, { ...periodQuery(p), limit: 200 }), privacy.consents.receipts({ schoolId: s.id })]);
    return sendPage(reply, SchoolLedgerPage({ context: pageContext(request, reply), school: s, rows, receipts, period: p }));
  });

  app.get('/beheer/scholen/:schoolId/verstrekkingen.csv', school, async (request, reply) => {
    const s = await schoolOf(request);
    return sendCsv(reply, `verstrekkingen-${s.brin}${s.locationCode}.csv`, privacy.ledger.exportCsv({ schoolId: s.id }, periodQuery(period(request))));
  });

  // ---- the board: its agreements, the ledger of all its schools (no names), receipts ----
  const board = { onRequest: requireBoardAccess };

  async function boardOf(request: FastifyRequest) {
    const found = await organisations.boardById(boardIdParam(request));
    if (!found) throw new AppError('not_found');
    return found;
  }

  app.get('/beheer/besturen/:boardId/privacy', board, async (request, reply) => {
    const b = await boardOf(request);
    const p = period(request);
    const [agreements, all, rows, receipts] = await Promise.all([
      privacy.agreements.list({ boardId: b.id }),
      publishers.list(),
      privacy.ledger.list({ boardId: b.id }, { ...periodQuery(p), limit: 200 }),
      privacy.consents.receiptsOfBoard({ boardId: b.id }),
    ]);
    const names = new Map(all.map((x) => [x.id, x.name]));
    return sendPage(reply, BoardPrivacyPage({ context: pageContext(request, reply), board: b, agreements, publisherName: (id) => names.get(id) ?? `#${id}`, rows, receipts, period: p }));
  });

  app.get('/beheer/besturen/:boardId/verstrekkingen.csv', board, async (request, reply) => {
    const b = await boardOf(request);
    return sendCsv(reply, `verstrekkingen-bestuur-${b.number}.csv`, privacy.ledger.exportCsv({ boardId: b.id }, periodQuery(period(request))));
  });

  // ---- the operator: agreements ----
  const operator = { onRequest: requireOperator };
  const FORM_ERRORS = ['privacy.invalid_profile', 'privacy.invalid_reference', 'privacy.invalid_date', 'privacy.publisher_not_found', 'not_found'];
  const emptyForm = { board: '', publisher: '', profile: '', reference: '', signedOn: '', error: null };

  async function renderAgreements(request: FastifyRequest, reply: FastifyReply, extra: Partial<Pick<AgreementsPageProps, 'form' | 'notice'>> = {}, status = 200) {
    const [agreements, boards, all] = await Promise.all([privacy.agreements.list(null), organisations.listBoards(), publishers.list()]);
    return sendPage(reply, AgreementsPage({ context: pageContext(request, reply), agreements, boards, publishers: all, notice: extra.notice ?? null, form: extra.form ?? emptyForm }), status);
  }

  app.get('/beheer/verwerkersovereenkomsten', operator, async (request, reply) => {
    const q = request.query as { melding?: string };
    const notice = q.melding === 'vastgelegd' ? t.agreements.saved : q.melding === 'beeindigd' ? t.agreements.endedNotice : null;
    return renderAgreements(request, reply, { notice });
  });

  app.post('/beheer/verwerkersovereenkomsten', operator, async (request, reply) => {
    const body = (request.body as Record<string, string | undefined> | undefined) ?? {};
    const form = { board: body.board ?? '', publisher: body.publisher ?? '', profile: body.profile ?? '', reference: body.reference ?? '', signedOn: body.signedOn ?? '' };
    try {
      if (!ID.test(form.board) || !ID.test(form.publisher)) throw new AppError('request.invalid', { detail: 'kies een bestuur en een uitgeverij' });
      await privacy.agreements.set(privacyActor(request.actor!), { boardId: Number(form.board), publisherId: Number(form.publisher), profile: form.profile, reference: form.reference, signedOn: form.signedOn });
    } catch (error) {
      if (!isAppError(error) || ![...FORM_ERRORS, 'request.invalid'].includes(error.code)) throw error;
      return renderAgreements(request, reply, { form: { ...form, error: error.message } }, error.status);
    }
    return seeOther(reply, '/beheer/verwerkersovereenkomsten?melding=vastgelegd');
  });

  app.post<{ Params: { agreementId: string } }>('/beheer/verwerkersovereenkomsten/:agreementId/beeindigen', operator, async (request, reply) => {
    if (!ID.test(request.params.agreementId)) throw new AppError('not_found');
    const agreement = await privacy.agreements.byId(Number(request.params.agreementId));
    if (!agreement) throw new AppError('not_found');
    if (agreement.status === 'active') await privacy.agreements.end(privacyActor(request.actor!), { boardId: agreement.boardId }, agreement.publisherId);
    return seeOther(reply, '/beheer/verwerkersovereenkomsten?melding=beeindigd');
  });
};
