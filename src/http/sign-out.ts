/**
 * Signing out of Leerpoort in this browser, the same for every kind of user and every logout
 * button (/uitloggen, "Overal uitloggen", /leerling/uitloggen, /thuis/uitloggen, an SP's
 * LogoutRequest): the Leerpoort session ends first (nothing after it can keep the person signed
 * in), then the publishers are told (sso/logout.ts: OIDC back-channel and revocation, the SAML
 * chain). The caller redirects to the returned location: the SAML chain, or its own `then`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionService, SessionSubject } from '../accounts/index.js';
import type { SsoLogout } from '../sso/index.js';
import { clearSessionCookie, readSessionCookie } from './session.js';

export interface SignOutOptions {
  /** Where the browser goes when everything is done (a path on Leerpoort). */
  then: string;
  /** "Overal uitloggen": every session of this person ends, and their OIDC state on every device. */
  everywhere?: SessionSubject;
  /** An SP's LogoutRequest started this: that SP gets the answer, not a request. */
  exceptSamlSpId?: number;
}

export function createSignOut(deps: { sessions: Pick<SessionService, 'end' | 'endAllFor'>; sso: SsoLogout; secureCookies: boolean }) {
  return async function signOut(request: FastifyRequest, reply: FastifyReply, options: SignOutOptions): Promise<{ location: string; ended: number }> {
    const sessionId = readSessionCookie(request);
    const { everywhere } = options;
    let ended = 0;
    if (everywhere) ended = await deps.sessions.endAllFor(everywhere);
    else await deps.sessions.end(sessionId);
    clearSessionCookie(reply, deps.secureCookies);
    request.actor = null;
    const person = everywhere?.kind === 'staff' ? { kind: 'staff' as const, accountId: everywhere.accountId } : everywhere?.kind === 'pupil' ? { kind: 'pupil' as const, pupilId: everywhere.pupilId } : null;
    const location = await deps.sso.leave({ req: request.raw, res: reply.raw, sessionId, everywhere: person, then: options.then, exceptSamlSpId: options.exceptSamlSpId, log: request.log });
    return { location, ended };
  };
}

export type SignOut = ReturnType<typeof createSignOut>;
