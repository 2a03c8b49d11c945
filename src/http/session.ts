/**
 * Who is asking: the signed session cookie is resolved to an `Actor` once per request, and
 * route guards check it. Guards run as `onRequest` hooks, so an upload from someone who is
 * not signed in is refused before its body is read. Sign-in steps (`SIGN_IN_STEP`) resolve it
 * only when their answer is a page that shows who is signed in.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import {
  assertActorKind,
  assertOperator,
  assertSchoolAccess,
  type Actor,
  type ActorKind,
  type ActorResolver,
  type LiveSession,
  type SessionService,
} from '../accounts/index.js';
import { AppError } from '../lib/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The live session behind `actor` (e.g. whether it is a shared device), or null. */
    session: LiveSession | null;
    /** Resolves `actor` and `session` now on a sign-in step (see SIGN_IN_STEP); elsewhere they already are. */
    resolveDeferredActor(): Promise<void>;
  }
  interface FastifyContextConfig {
    /** A sign-in step: see SIGN_IN_STEP. */
    signInStep?: boolean;
  }
}

export const SESSION_COOKIE = 'leerpoort_sessie';

/** Requests that never act for a signed-in person (machines, files) skip the session lookup. */
const SESSIONLESS = /^\/(api|assets)\/|^\/(healthz|readyz|metrics)$/;

export function readSessionCookie(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

export function setSessionCookie(reply: FastifyReply, session: { sessionId: string; expiresAt: string }, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, session.sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    signed: true,
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/**
 * Route options of a sign-in step (a login form's POST, the pupil's code page and card link).
 * Such a step acts for nobody yet: it ends the browser's previous session by its id
 * (`sessions.start`'s `replacing`), which needs no lookup. Resolving that session's person on
 * every attempt cost a Redis GET or database statement, and for staff one more statement; it
 * now happens only when the answer is a page that shows who is signed in (a refused attempt
 * shown on the form, an error page), through `request.resolveDeferredActor()`. A handler of
 * such a route must not read `request.actor` before that.
 */
export const SIGN_IN_STEP = { config: { signInStep: true } } as const;

export function registerActorResolution(app: FastifyInstance, deps: { sessions: Pick<SessionService, 'lookup'>; resolveActor: ActorResolver }): void {
  /** Requests of sign-in steps whose actor has not been resolved yet. */
  const deferred = new WeakSet<FastifyRequest>();
  async function resolve(request: FastifyRequest): Promise<void> {
    const signedIn = await signedInOf(request, deps);
    if (!signedIn) return;
    request.session = signedIn.session;
    request.actor = signedIn.actor;
  }
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('resolveDeferredActor', async function (this: FastifyRequest) {
    if (deferred.delete(this)) await resolve(this);
  });
  app.addHook('onRequest', async (request) => {
    if (SESSIONLESS.test(request.url)) return;
    if (request.routeOptions.config?.signInStep) deferred.add(request);
    else await resolve(request);
  });
}

/** The request's Leerpoort session and who acts in it; null when there is none. */
export async function signedInOf(request: FastifyRequest, deps: { sessions: Pick<SessionService, 'lookup'>; resolveActor: ActorResolver }) {
  const session = await deps.sessions.lookup(readSessionCookie(request));
  if (!session) return null;
  // A session whose subject no longer may act (disabled account) counts as signed out.
  const actor = await deps.resolveActor(session.subject);
  return actor ? { session, actor } : null;
}

export const requireOperator: onRequestAsyncHookHandler = async (request) => {
  assertOperator(request.actor);
};

/** Guard for pages of one kind of user, e.g. `requireActor('pupil')` for the pupil portal. */
export function requireActor(kind: ActorKind): onRequestAsyncHookHandler {
  return async (request) => {
    assertActorKind(request.actor, kind);
  };
}

/** The school id from a `:schoolId` route parameter; an id that is not a number is a page that does not exist. */
export function schoolIdParam(request: FastifyRequest): number {
  const raw = (request.params as { schoolId?: string }).schoolId ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new AppError('not_found');
  return Number(raw);
}

/**
 * Guard for routes under `/…/scholen/:schoolId/`: the actor must be allowed to manage that
 * school (the operator, its ICT-coördinator, or an admin of its board).
 */
export const requireSchoolAccess: onRequestAsyncHookHandler = async (request) => {
  assertSchoolAccess(request.actor, schoolIdParam(request));
};
