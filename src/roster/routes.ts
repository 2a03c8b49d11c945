/**
 * The roster's HTTP edge. Pages under `/beheer/scholen/:schoolId/` (upload → preview →
 * confirm, history, undo, LAS tokens) sit behind the school-scope guard; the LAS push API
 * authenticates with a per-school bearer token instead of a cookie, so it needs no CSRF.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { Type } from '@sinclair/typebox';
import { actorId, assertSchoolAccess } from '../accounts/index.js';
import { AppError, isAppError } from '../lib/errors.js';
import { sendProblem } from '../http/errors.js';
import { formatBytes } from '../http/format.js';
import { pageContext, seeOther, sendPage } from '../http/page.js';
import { requireSchoolAccess, schoolIdParam } from '../http/session.js';
import type { OrganisationService, School } from '../organisations/index.js';
import type { ImportSummary, LasTokenService, RosterService } from './types.js';
import { ImportResultPage, PendingImportPage, UndoPage } from './views/import-page.js';
import { PushResponseSchema } from './views/push-response.js';
import { SchoolPage, type SchoolPageProps } from './views/school-page.js';
import { importPath, schoolPath } from './views/shared.js';
import { TokenCreatedPage, type TokenFormState } from './views/tokens.js';
import { rosterTexts as t } from './views/texts.js';

export interface RosterRouteOptions {
  roster: RosterService;
  lasTokens: LasTokenService;
  organisations: OrganisationService;
  publicUrl: string;
  maxBytes: number;
}

const TOKEN_LABEL_MAX = 64;

function idParam(request: FastifyRequest, name: 'importId' | 'tokenId'): number {
  const raw = (request.params as Record<string, string | undefined>)[name] ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new AppError('not_found');
  return Number(raw);
}

function noticeOf(request: FastifyRequest): string | null {
  const key = (request.query as { melding?: unknown }).melding;
  return typeof key === 'string' ? (t.notices[key] ?? null) : null;
}

/** The uploaded file from a multipart body; a browser sends an empty part when none was chosen. */
async function uploadedFile(body: unknown): Promise<{ content: Buffer; fileName: string | null } | null> {
  const part = (body as { bestand?: { toBuffer?: () => Promise<Buffer>; filename?: string } } | null)?.bestand;
  if (typeof part?.toBuffer !== 'function') return null;
  const content = await part.toBuffer();
  if (content.length === 0) return null;
  // Some browsers send the full client path; keep only the name, as the history shows it.
  const fileName = (part.filename ?? '').split(/[\\/]/).pop()?.slice(0, 200) || null;
  return { content, fileName };
}

export function pushUrl(publicUrl: string, school: Pick<School, 'instellingRef'>): string {
  return `${publicUrl}/api/v1/schools/${school.instellingRef}/edexml`;
}

export const rosterPageRoutes: FastifyPluginAsync<RosterRouteOptions> = async (app, options) => {
  const { roster, lasTokens, organisations } = options;
  app.addHook('onRequest', requireSchoolAccess);

  async function context(request: FastifyRequest) {
    const schoolId = schoolIdParam(request);
    const school = await organisations.schoolById(schoolId);
    if (!school) throw new AppError('not_found');
    return { school, scope: { schoolId }, actor: actorId(assertSchoolAccess(request.actor, schoolId)) };
  }

  async function renderSchool(
    request: FastifyRequest,
    reply: FastifyReply,
    school: School,
    state: Partial<Pick<SchoolPageProps, 'uploadError' | 'tokenForm'>> = {},
    status = 200,
  ) {
    const scope = { schoolId: school.id };
    const [overview, imports, tokens] = await Promise.all([roster.rosterOverview(scope), roster.listImports(scope, { limit: 50 }), lasTokens.list(scope)]);
    const tokenForm: TokenFormState = state.tokenForm ?? { label: '', error: null };
    const props: SchoolPageProps = { context: pageContext(request, reply), school, overview, imports, tokens, tokenForm, uploadError: state.uploadError ?? null, notice: noticeOf(request), uploadLimit: formatBytes(options.maxBytes) };
    return sendPage(reply, SchoolPage(props), status);
  }

  app.get('/beheer/scholen/:schoolId', async (request, reply) => renderSchool(request, reply, (await context(request)).school));

  app.post('/beheer/scholen/:schoolId/imports', async (request, reply) => {
    const { school, actor } = await context(request);
    const file = await uploadedFile(request.body);
    if (!file) return renderSchool(request, reply, school, { uploadError: new AppError('request.invalid', { detail: t.upload.chooseFile }) }, 400);
    try {
      const summary = await roster.importEdexml({ mode: 'preview', source: 'upload', schoolId: school.id, actor, content: file.content, fileName: file.fileName });
      if (summary.importId === null) throw new AppError('internal');
      return seeOther(reply, importPath(school.id, summary.importId));
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      return renderSchool(request, reply, school, { uploadError: error }, error.status);
    }
  });

  app.get('/beheer/scholen/:schoolId/imports/:importId', async (request, reply) => {
    const { school, scope } = await context(request);
    const importId = idParam(request, 'importId');
    const [record, tokens] = await Promise.all([roster.getImport(scope, importId), lasTokens.list(scope)]);
    const base = { context: pageContext(request, reply), school, record, tokens, notice: noticeOf(request) };
    if (record.status === 'preview' || record.status === 'held') {
      return sendPage(reply, PendingImportPage({ ...base, summary: await roster.pendingPreview(scope, importId) }));
    }
    return sendPage(reply, ImportResultPage(base));
  });

  app.post('/beheer/scholen/:schoolId/imports/:importId/bevestigen', async (request, reply) => {
    const { school, scope, actor } = await context(request);
    const importId = idParam(request, 'importId');
    await roster.confirmImport(scope, importId, actor);
    return seeOther(reply, `${importPath(school.id, importId)}?melding=verwerkt`);
  });

  app.post('/beheer/scholen/:schoolId/imports/:importId/annuleren', async (request, reply) => {
    const { school, scope, actor } = await context(request);
    await roster.discardImport(scope, idParam(request, 'importId'), actor);
    return seeOther(reply, `${schoolPath(school.id)}?melding=geannuleerd`);
  });

  app.get('/beheer/scholen/:schoolId/imports/:importId/ongedaan-maken', async (request, reply) => {
    const { school, scope } = await context(request);
    const [record, tokens] = await Promise.all([roster.getImport(scope, idParam(request, 'importId')), lasTokens.list(scope)]);
    // Only the latest applied import can be undone; for any other the import page says what it is.
    if (!record.canUndo) return seeOther(reply, importPath(school.id, record.id));
    return sendPage(reply, UndoPage({ context: pageContext(request, reply), school, record, tokens }));
  });

  app.post('/beheer/scholen/:schoolId/imports/:importId/ongedaan-maken', async (request, reply) => {
    const { school, scope, actor } = await context(request);
    const record = await roster.undoImport(scope, idParam(request, 'importId'), actor);
    return seeOther(reply, `${importPath(school.id, record.id)}?melding=${record.keptPupils > 0 ? 'ongedaan-bewaard' : 'ongedaan'}`);
  });

  app.post('/beheer/scholen/:schoolId/las-sleutels', { schema: { body: Type.Object({ label: Type.Optional(Type.String({ maxLength: 200 })) }) } }, async (request, reply) => {
    const { school, scope, actor } = await context(request);
    const raw = (request.body as { label?: string }).label ?? '';
    const label = raw.trim().replace(/\s+/g, ' ');
    if (!label || label.length > TOKEN_LABEL_MAX) {
      return renderSchool(request, reply, school, { tokenForm: { label: raw, error: new AppError('request.invalid', { detail: t.tokens.invalidLabel }).message } }, 400);
    }
    const created = await lasTokens.create(scope, actor, label);
    return sendPage(reply, TokenCreatedPage({ context: pageContext(request, reply), school, token: created.token, pushUrl: pushUrl(options.publicUrl, school) }));
  });

  app.post('/beheer/scholen/:schoolId/las-sleutels/:tokenId/intrekken', async (request, reply) => {
    const { school, scope, actor } = await context(request);
    await lasTokens.revoke(scope, idParam(request, 'tokenId'), actor);
    return seeOther(reply, `${schoolPath(school.id)}?melding=sleutel-ingetrokken#las-sleutels`);
  });
};

const XML_TYPES = ['application/xml', 'text/xml', 'application/octet-stream'];

declare module 'fastify' {
  interface FastifyRequest {
    lasToken: { schoolId: number; tokenId: number } | null;
  }
}

/** HTTP status of a push: applied 200, held for a person's confirmation 202. */
const pushStatus = (summary: ImportSummary): 200 | 202 => (summary.status === 'held' ? 202 : 200);

export const rosterPushRoutes: FastifyPluginAsync<RosterRouteOptions> = async (app, options) => {
  const { roster, lasTokens, maxBytes } = options;
  app.decorateRequest('lasToken', null);

  // This scope reads the raw file only: no forms, no JSON, no multipart.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(XML_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser('*', (request, _payload, done) =>
    done(new AppError('request.unsupported_media_type', { type: request.headers['content-type'] ?? 'geen', accepted: XML_TYPES.join(', ') })),
  );

  // Runs before the body is read, so an unauthenticated client cannot make us read 64 MB.
  const authenticate: onRequestAsyncHookHandler = async (request, reply) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    try {
      if (!match) throw new AppError('roster.token_invalid');
      const { instellingRef } = request.params as { instellingRef: string };
      request.lasToken = await lasTokens.authenticate(instellingRef, match[1]);
    } catch (error) {
      if (isAppError(error) && error.status === 401) reply.header('www-authenticate', 'Bearer realm="leerpoort"');
      throw error;
    }
  };

  app.post(
    '/api/v1/schools/:instellingRef/edexml',
    {
      bodyLimit: maxBytes,
      onRequest: authenticate,
      schema: {
        params: Type.Object({ instellingRef: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: PushResponseSchema, 202: PushResponseSchema },
      },
    },
    async (request, reply) => {
      const token = request.lasToken;
      if (!token) throw new AppError('roster.token_invalid');
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
        throw new AppError('request.invalid', { detail: 'stuur het EDEXML-bestand als inhoud van het verzoek.' });
      }
      const summary = await roster.importEdexml({ mode: 'apply', source: 'push', schoolId: token.schoolId, actor: `las-token:${token.tokenId}`, content: request.body, fileName: null });
      if (summary.status === 'refused') {
        const refused = new AppError('roster.file_refused', { count: summary.errors.length }, summary.errors);
        return sendProblem(reply, refused, { importId: summary.importId, warnings: summary.warnings });
      }
      return reply.code(pushStatus(summary)).send(summary);
    },
  );
};
