/**
 * The ONE place errors become responses. Typed `AppError`s keep their code and Dutch text;
 * framework errors (validation, CSRF, body limits, unknown routes) are translated to the
 * same catalogue; PostgreSQL or Redis out of reach is a 503 `service.unavailable` with a
 * Retry-After (the pools reconnect by themselves); anything else is a 500 with a generic Dutch
 * text, logged, never shown.
 * `/api/` answers `application/problem+json` (RFC 9457); people get a Dutch error page.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError, type ErrorCode } from '../lib/errors.js';
import { isServiceOutage, OUTAGE_RETRY_AFTER_SECONDS } from '../lib/outage.js';
import type { FileProblem } from '../roster/index.js';
import { ErrorPage } from './error-page.js';
import { formatBytes } from './format.js';
import { pageContextOrAnonymous } from './page.js';
import { sendPage } from './page.js';
import { fileProblemsOf } from './problems.js';
import { statusTitle } from './texts.js';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FileProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

interface ValidationItem {
  instancePath?: string;
  keyword?: string;
  params?: { missingProperty?: string };
}

/** Fastify/Ajv validation output in words a person understands. */
function validationDetail(error: FastifyError): string {
  const items = (error.validation ?? []) as ValidationItem[];
  const where = error.validationContext ?? 'verzoek';
  const parts = items.map((item) => {
    const field = item.params?.missingProperty ?? item.instancePath?.replace(/^\//, '').replace(/\//g, '.') ?? '';
    return item.keyword === 'required' ? `"${field}" ontbreekt` : `"${field || where}" heeft geen geldige waarde`;
  });
  return parts.length > 0 ? `${parts.join('; ')}.` : 'de invoer is ongeldig.';
}

const CSRF_CODES = new Set(['FST_CSRF_INVALID_TOKEN', 'FST_CSRF_MISSING_SECRET']);

/** Maps anything thrown to the catalogue; `unexpected` marks errors that are our fault. */
export function toAppError(error: unknown, limits: { maxBytes: number }): { appError: AppError; unexpected: boolean } {
  if (isAppError(error)) return { appError: error, unexpected: false };
  const e = error as Partial<FastifyError> | null;
  if (e?.validation) return { appError: new AppError('request.invalid', { detail: validationDetail(e as FastifyError) }), unexpected: false };
  if (e?.code && CSRF_CODES.has(e.code)) return { appError: new AppError('csrf.invalid'), unexpected: false };
  if (isServiceOutage(error)) return { appError: new AppError('service.unavailable'), unexpected: false };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status === 413) return { appError: new AppError('request.too_large', { limit: formatBytes(limits.maxBytes) }), unexpected: false };
  if (status === 415) {
    return { appError: new AppError('request.unsupported_media_type', { type: 'onbekend', accepted: 'formulieren en bestanden uit deze website' }), unexpected: false };
  }
  if (status >= 400 && status < 500) return { appError: new AppError('request.invalid', { detail: 'de inhoud van het verzoek kon niet worden gelezen.' }), unexpected: false };
  return { appError: new AppError('internal'), unexpected: true };
}

export function problemDocument(error: AppError): ProblemDocument {
  const errors = fileProblemsOf(error.details);
  return {
    type: `urn:leerpoort:problem:${error.code}`,
    title: statusTitle(error.status),
    status: error.status,
    code: error.code,
    detail: error.message,
    ...(errors ? { errors } : {}),
  };
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** `extensions` are extra members (RFC 9457 §3.2), e.g. the id of a refused import. */
export function sendProblem(reply: FastifyReply, error: AppError, extensions: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send({ ...problemDocument(error), ...extensions });
}

async function respond(request: FastifyRequest, reply: FastifyReply, error: AppError): Promise<FastifyReply> {
  if (error.code === 'service.unavailable') reply.header('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
  if (isApiRequest(request)) return sendProblem(reply, error);
  // People who are not signed in are sent to the page that explains how to sign in.
  if (error.code === 'auth.required') return reply.redirect('/inloggen', 303);
  // A sign-in step resolves who is signed in only for a page like this one (http/session.ts);
  // when the database or Redis is away, or the lookup fails, the page is shown as to nobody.
  if (error.code !== 'service.unavailable') await request.resolveDeferredActor?.().catch(() => undefined);
  return sendPage(reply, ErrorPage({ error, context: pageContextOrAnonymous(request, reply) }), error.status);
}

export function registerErrorMapper(app: FastifyInstance, limits: { maxBytes: number }): void {
  app.setErrorHandler(async (error, request, reply) => {
    const { appError, unexpected } = toAppError(error, limits);
    if (unexpected) request.log.error({ err: error }, 'unexpected error');
    else if (appError.code === 'service.unavailable') request.log.warn({ code: appError.code, reason: (error as Error).message }, 'database or Redis out of reach');
    else request.log.info({ code: appError.code, status: appError.status }, 'request refused');
    return respond(request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) => respond(request, reply, new AppError('not_found')));
}
