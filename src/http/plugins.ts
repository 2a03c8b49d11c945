/**
 * The web platform every route stands on: security headers, signed cookies, form and
 * file parsing, CSRF protection and the static stylesheet.
 */
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, RouteOptions } from 'fastify';
import helmet from 'helmet';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import csrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import type { Config } from '../config/index.js';

export const CSRF_FIELD = '_csrf';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Cookies get the Secure flag when people reach us over https. */
export function usesHttps(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl.startsWith('https://');
}

/** A form posts `_csrf` as a plain field; a multipart form as a field object (`attachFieldsToBody`). */
function csrfTokenOf(body: unknown): string | undefined {
  const field = (body as Record<string, unknown> | null | undefined)?.[CSRF_FIELD];
  if (typeof field === 'string') return field;
  const value = (field as { value?: unknown } | undefined)?.value;
  return typeof value === 'string' ? value : undefined;
}

const isMethod = (method: RouteOptions['method'], set: Set<string>) =>
  (Array.isArray(method) ? method : [method]).some((m) => set.has(String(m).toUpperCase()));

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export async function registerWebPlatform(app: FastifyInstance, config: Config): Promise<void> {
  const https = usesHttps(config);
  // helmet's middleware built once: @fastify/helmet rebuilds it (parsing the whole policy)
  // on every request, a measurable share of an SSO launch's CPU (docs/performance.md).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // Login links carry their secret in the path; no Referer may take it elsewhere.
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  await app.register(cookie, { secret: config.cookieSecret });
  await app.register(formbody);
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: config.import.maxBytes, files: 1, fields: 10, parts: 11 },
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'leerpoort_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: https, signed: true },
    getToken: (request) => csrfTokenOf(request.body),
  });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('./assets/', import.meta.url)),
    prefix: '/assets/',
    index: false,
    maxAge: '1h',
  });

  // Every state-changing route outside the bearer-token API checks CSRF, so no form route
  // can forget it. `preValidation` runs after the body (including multipart) is parsed.
  app.addHook('onRoute', (route) => {
    if (!isMethod(route.method, STATE_CHANGING) || route.url.startsWith('/api/')) return;
    route.preValidation = [...asArray(route.preValidation), app.csrfProtection];
  });
}
