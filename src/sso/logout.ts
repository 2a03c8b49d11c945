/**
 * One logout for both protocols. When a person's Leerpoort session ends in a browser (a logout
 * button, "Overal uitloggen", or an SP's LogoutRequest), the publishers learn it too:
 * 1. OIDC: the browser's oidc-provider session ends, its grants and refresh tokens are revoked
 *    and every client with a back-channel URI receives a logout_token (oidc/session-end.ts);
 *    "everywhere" does the same for every OIDC session and grant of the person;
 * 2. SAML: the other SPs that received an assertion in that session get a LogoutRequest, one by
 *    one through the browser (saml/single-logout.ts); the browser then goes to `then`.
 * Nothing here can keep the person logged in: failures are logged and the logout goes on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OidcService } from './oidc/service.js';
import type { SamlService } from './saml/index.js';
import { createOidcSessionEnd, type LogoutLog } from './oidc/session-end.js';
import { personKeyOf } from './oidc/account-index.js';

export interface LeaveInput {
  /** The browser's request and response (the OIDC session cookie is read from them). */
  req: IncomingMessage;
  res: ServerResponse;
  /** The Leerpoort session that ended (its SAML participants are told), or null. */
  sessionId: string | null;
  /** "Overal uitloggen": this person's OIDC state on every device ends too. */
  everywhere: { kind: 'pupil'; pupilId: number } | { kind: 'staff'; accountId: number } | null;
  /** Where the browser goes when everything is done (a path on Leerpoort). */
  then: string;
  /** The SP whose LogoutRequest started this logout: it gets the answer, not a request. */
  exceptSamlSpId?: number;
  log: LogoutLog;
}

export function createSsoLogout(deps: { oidc: Pick<OidcService, 'runtime'>; saml: Pick<SamlService, 'singleLogout'> }) {
  const oidcSessions = createOidcSessionEnd({ provider: () => deps.oidc.runtime.provider() });

  async function logged<T>(log: LogoutLog, what: string, work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      log.warn({ error: (error as Error).message }, `logout: ${what} failed`);
      return fallback;
    }
  }

  return {
    /** Ends the person's publisher sessions; returns where the browser goes next (the SAML chain, or `then`). */
    async leave(input: LeaveInput): Promise<string> {
      const { log, everywhere } = input;
      await logged(log, 'ending the OIDC session', () => oidcSessions.endBrowserSession(input.req, input.res, log), 0);
      if (everywhere) {
        const accountKey = everywhere.kind === 'pupil' ? personKeyOf('pupil', everywhere.pupilId) : personKeyOf('staff', everywhere.accountId);
        await logged(log, "ending the person's OIDC sessions", () => oidcSessions.endAllOf(accountKey, log), 0);
      }
      if (!input.sessionId) return input.then;
      const sessionId = input.sessionId;
      const chain = await logged(log, 'starting SAML single logout', () => deps.saml.singleLogout.start(sessionId, input.then, input.exceptSamlSpId ?? null), null);
      return chain ?? input.then;
    },
  };
}

export type SsoLogout = ReturnType<typeof createSsoLogout>;
