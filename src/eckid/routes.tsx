/**
 * HTTP edge of the ECK iD readiness check. Pages: the school's (ICT-coördinator, board admin,
 * operator; `/beheer/scholen/:schoolId/eck-id`) and the board's (board admin, operator;
 * `/beheer/besturen/:boardId/eck-id`), each with a CSV of the pupils without ECK iD. API: the
 * LAS status channel, authenticated with the school's LAS push token like the EDEXML push.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { actorId, type Actor } from '../accounts/index.js';
import { AppError, isAppError } from '../lib/errors.js';
import { pageContext, seeOther, sendPage } from '../http/page.js';
import { requireSchoolAccess, schoolIdParam } from '../http/session.js';
import type { LasTokenService } from '../roster/index.js';
import { missingCsv } from './coverage/csv.js';
import type { EckidReadinessService } from './readiness/index.js';
import type { RawPupilStatus } from './readiness/record.js';
import { BoardReadinessPage } from './views/board-page.js';
import { SchoolReadinessPage } from './views/school-page.js';
import { readinessTexts as t } from './views/texts.js';

export interface EckidReadinessRouteOptions {
  readiness: EckidReadinessService;
  lasTokens: LasTokenService;
}

function boardIdParam(request: FastifyRequest): number {
  const raw = (request.params as { boardId?: string }).boardId ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new AppError('not_found');
  return Number(raw);
}

/** The operator, or a board admin of this board. */
export function canSeeBoard(actor: Actor, boardId: number): boolean {
  if (actor.kind === 'operator') return true;
  return actor.kind === 'staff' && actor.roles.some((grant) => grant.role === 'boardAdmin' && grant.boardId === boardId);
}

const requireBoardAccess: onRequestAsyncHookHandler = async (request) => {
  if (!request.actor) throw new AppError('auth.required');
  if (!canSeeBoard(request.actor, boardIdParam(request))) throw new AppError('auth.forbidden');
};

function sendCsv(reply: FastifyReply, fileName: string, body: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(body);
}

export const eckidReadinessPageRoutes: FastifyPluginAsync<EckidReadinessRouteOptions> = async (app, { readiness }) => {
  app.get('/beheer/scholen/:schoolId/eck-id', { onRequest: requireSchoolAccess }, async (request, reply) => {
    const report = await readiness.schoolReadiness(schoolIdParam(request));
    return sendPage(reply, <SchoolReadinessPage context={pageContext(request, reply)} report={report} />);
  });

  app.get('/beheer/scholen/:schoolId/eck-id/ontbrekend.csv', { onRequest: requireSchoolAccess }, async (request, reply) => {
    const report = await readiness.schoolReadiness(schoolIdParam(request));
    return sendCsv(reply, `eck-id-ontbrekend-${report.school.brin}${report.school.locationCode}.csv`, missingCsv(report.pupils, false));
  });

  app.get<{ Querystring: { opgeslagen?: string } }>('/beheer/besturen/:boardId/eck-id', { onRequest: requireBoardAccess }, async (request, reply) => {
    const report = await readiness.boardReadiness(boardIdParam(request));
    const notice = request.query.opgeslagen === '1' ? t.agreement.saved : null;
    return sendPage(reply, <BoardReadinessPage context={pageContext(request, reply)} report={report} notice={notice} />);
  });

  app.get('/beheer/besturen/:boardId/eck-id/ontbrekend.csv', { onRequest: requireBoardAccess }, async (request, reply) => {
    const report = await readiness.boardReadiness(boardIdParam(request));
    return sendCsv(reply, `eck-id-ontbrekend-bestuur-${report.board.number}.csv`, missingCsv(report.missing, true));
  });

  app.post('/beheer/besturen/:boardId/eck-id/overeenkomst', {
    onRequest: requireBoardAccess,
    schema: { body: Type.Object({ overeenkomst: Type.Optional(Type.String({ maxLength: 10 })) }) },
  }, async (request, reply) => {
    const boardId = boardIdParam(request);
    const value = (request.body as { overeenkomst?: string }).overeenkomst;
    if (value !== 'ja' && value !== 'nee') throw new AppError('request.invalid', { detail: t.agreement.legend });
    await readiness.setBoardAgreement(actorId(request.actor!), boardId, value === 'ja');
    return seeOther(reply, `/beheer/besturen/${boardId}/eck-id?opgeslagen=1`);
  });
};

const yesNo = Type.Union([Type.Literal('ja'), Type.Literal('nee')]);
const text = (max: number) => Type.String({ minLength: 1, maxLength: max });
/** The same fields and words as the EDEXML blocks (docs/eckid-readiness.md, "Statuskanaal"). */
const StatusBody = Type.Object({
  school: Type.Optional(Type.Object({
    las_product: Type.Optional(text(64)),
    eckid_opdracht: Type.Optional(yesNo),
    schoolsoort_bekostigd: Type.Optional(yesNo),
  }, { additionalProperties: false })),
  leerlingen: Type.Array(Type.Object({
    key: text(256),
    inschrijvingsstatus: Type.Optional(Type.Union([Type.Literal('aangemeld'), Type.Literal('ingeschreven')])),
    bekostigd: Type.Optional(yesNo),
    duo_uitwisseling: Type.Optional(Type.Union(['niet_uitgewisseld', 'uitgewisseld', 'terugkoppeling_opgehaald', 'fout'].map((v) => Type.Literal(v)))),
    duo_melding: Type.Optional(text(1000)),
  }, { additionalProperties: false }), { maxItems: 20000 }),
}, { additionalProperties: false });

const StatusResponse = Type.Object({
  opgeslagen: Type.Integer(),
  onbekendeLeerlingen: Type.Array(Type.String()),
  dekking: Type.Object({ leerlingen: Type.Integer(), metEckId: Type.Integer(), ontbreekt: Type.Integer(), geenVerwacht: Type.Integer() }),
});

export const eckidStatusApiRoutes: FastifyPluginAsync<EckidReadinessRouteOptions> = async (app, { readiness, lasTokens }) => {
  const authenticate: onRequestAsyncHookHandler = async (request, reply) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    try {
      if (!match) throw new AppError('roster.token_invalid');
      const { instellingRef } = request.params as { instellingRef: string };
      (request as FastifyRequest & { statusToken?: { schoolId: number; tokenId: number } }).statusToken = await lasTokens.authenticate(instellingRef, match[1]);
    } catch (error) {
      if (isAppError(error) && error.status === 401) reply.header('www-authenticate', 'Bearer realm="leerpoort"');
      throw error;
    }
  };

  app.post('/api/v1/schools/:instellingRef/eck-status', {
    onRequest: authenticate,
    bodyLimit: 16 * 1024 * 1024,
    schema: { params: Type.Object({ instellingRef: text(64) }), body: StatusBody, response: { 200: StatusResponse } },
  }, async (request) => {
    const token = (request as FastifyRequest & { statusToken?: { schoolId: number; tokenId: number } }).statusToken;
    if (!token) throw new AppError('roster.token_invalid');
    const body = request.body as Static<typeof StatusBody>;
    const pupils = new Map<string, RawPupilStatus>();
    for (const row of body.leerlingen) {
      if (pupils.has(row.key)) throw new AppError('eckid_readiness.status_invalid', { detail: `leerling met key '${row.key}' staat er meer dan één keer in.` });
      pupils.set(row.key, { enrolment: row.inschrijvingsstatus ?? null, funded: row.bekostigd ?? null, duoExchange: row.duo_uitwisseling ?? null, duoMessage: row.duo_melding ?? null });
    }
    const school = body.school
      ? { lasProduct: body.school.las_product ?? null, eckidInstruction: body.school.eckid_opdracht ?? null, fundedSchoolType: body.school.schoolsoort_bekostigd ?? null }
      : null;
    const result = await readiness.receiveStatus(token.schoolId, `las-token:${token.tokenId}`, { school, pupils });
    const c = result.coverage;
    return { opgeslagen: result.saved, onbekendeLeerlingen: result.unknownKeys, dekking: { leerlingen: c.pupils, metEckId: c.withEckid, ontbreekt: c.missing, geenVerwacht: c.expectedWithout } };
  });
};
