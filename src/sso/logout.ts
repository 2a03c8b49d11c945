/**
 * One logout for both protocols. When a person's Leerpoort session ends in a browser (a logout
 * button, "Overal uitloggen", or an SP's LogoutRequest), the publishers learn it too:
 * 1. OIDC: the browser's oidc-provider session ends, its grants and refresh tokens are revoked
 *    and every client with a back-channel URI receives a logout_token (oidc/session-end.ts);
 *    "everywhere" does the same for every OIDC session and grant of the person;
 * 2. SAML: the other SPs that received an assertion in that session get a LogoutRequest, one by
 *    one through the browser (saml/single-logout.ts); the browser then goes to `then`.
 * Nothing here can keep the person logged in: failures are logged and the logout goes on.
 *
 * `endAllOf` is the same OIDC step 1 without a browser, for when Leerpoort itself cuts people
 * off (a password reset, an account switched off, pupils deactivated by a roster import; wired
 * in compose.ts). SAML cannot follow there: its single logout needs the person's browser.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OidcService } from './oidc/service.js';
import type { SamlService } from './saml/index.js';
import { createOidcSessionEnd, type LogoutLog } from './oidc/session-end.js';
import { personKeyOf } from './oidc/account-index.js';

/** A person as the SSO side knows them (the OIDC account index drops the school). */
export type SsoPerson = { kind: 'pupil'; pupilId: number } | { kind: 'staff'; accountId: number };

const accountKeyOfPerson = (person: SsoPerson) => (person.kind === 'pupil' ? personKeyOf('pupil', person.pupilId) : personKeyOf('staff', person.accountId));

export interface LeaveInput {
  /** The browser's request and response (the OIDC session cookie is read from them). */
  req: IncomingMessage;
  res: ServerResponse;
  /** The Leerpoort session that ended (its SAML participants are told), or null. */
  sessionId: string | null;
  /** "Overal uitloggen": this person's OIDC state on every device ends too. */
  everywhere: SsoPerson | null;
  /** Where the browser goes when everything is done (a path on Leerpoort). */
  then: string;
  /** The SP whose LogoutRequest started this logout: it gets the answer, not a request. */
  exceptSamlSpId?: number;
  log: LogoutLog;
}

export function createSsoLogout(deps: { oidc: Pick<OidcService, 'runtime' | 'accountIndex'>; saml: Pick<SamlService, 'singleLogout'> }) {
  const oidcSessions = createOidcSessionEnd({ provider: () => deps.oidc.runtime.provider(), index: deps.oidc.accountIndex });

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
      if (everywhere) await logged(log, "ending the person's OIDC sessions", () => oidcSessions.endAllOf(accountKeyOfPerson(everywhere), log), 0);
      if (!input.sessionId) return input.then;
      const sessionId = input.sessionId;
      const chain = await logged(log, 'starting SAML single logout', () => deps.saml.singleLogout.start(sessionId, input.then, input.exceptSamlSpId ?? null), null);
      return chain ?? input.then;
    },

    /**
     * Every OIDC session (back-channel logout to its clients) and grant of these people, on every
     * device; one after the other, so a large roster import does not flood the publishers.
     * Returns how many clients were told. Never throws: a failure is logged per person.
     */
    async endAllOf(people: readonly SsoPerson[], log: LogoutLog): Promise<number> {
      let clients = 0;
      for (const person of people) clients += await logged(log, "ending the person's OIDC sessions", () => oidcSessions.endAllOf(accountKeyOfPerson(person), log), 0);
      return clients;
    },
  };
}

export type SsoLogout = ReturnType<typeof createSsoLogout>;
