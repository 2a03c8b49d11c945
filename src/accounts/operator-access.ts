/**
 * How the platform operator (who has no account) signs in: the CLI issues a one-time
 * login link (`leerpoort login-link`), the operator opens it and confirms, and gets a
 * server-side session from the session service. Link tokens are 256-bit secrets stored only
 * hashed, so a copy of the database cannot be used to sign in.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { AppError } from '../lib/errors.js';
import type { Clock } from '../lib/clock.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { actorId, type Actor } from './actor.js';
import type { SessionService } from './sessions.js';
import * as store from './store.js';

export const LOGIN_LINK_PATH = '/inloggen/link/';
const LABEL_MAX = 64;

export interface LoginLink {
  token: string;
  /** Relative path to open, e.g. `/inloggen/link/<token>`; prefix it with the public URL. */
  path: string;
  expiresAt: string;
}

export interface OperatorSession {
  /** The secret for the session cookie; only its hash is stored. */
  sessionId: string;
  actor: Extract<Actor, { kind: 'operator' }>;
  expiresAt: string;
}

function normaliseLabel(raw: string): string {
  const label = raw.trim().replace(/\s+/g, ' ');
  if (!label || label.length > LABEL_MAX) throw new AppError('request.invalid', { detail: `de naam van de beheerder moet 1 tot ${LABEL_MAX} tekens zijn.` });
  return label;
}

export function createOperatorAccessService(deps: { db: Kysely<Database>; clock: Clock; sessions: Pick<SessionService, 'start'> }) {
  const { db, clock, sessions } = deps;
  const minutesFromNow = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000).toISOString();

  async function issueLoginLink(actorLabel: string, ttlMinutes = 15): Promise<LoginLink> {
    const label = normaliseLabel(actorLabel);
    if (!Number.isInteger(ttlMinutes) || ttlMinutes < 1 || ttlMinutes > 24 * 60) {
      throw new AppError('request.invalid', { detail: 'een inloglink is 1 minuut tot 24 uur geldig.' });
    }
    const token = newToken();
    const expiresAt = minutesFromNow(ttlMinutes);
    await db.transaction().execute(async (trx) => {
      await store.insertLoginLink(trx, { tokenHash: hashToken(token), actorLabel: label, createdAt: clock.now().toISOString(), expiresAt });
      await recordAudit(trx, clock, { actor: actorId({ kind: 'operator', label }), action: 'operator.login_link_issued', details: { expiresAt } });
    });
    return { token, path: LOGIN_LINK_PATH + token, expiresAt };
  }

  /** True while the link is unused and unexpired; does not use it. */
  async function linkUsable(token: string): Promise<boolean> {
    return store.loginLinkUsable(db, hashToken(token), clock.now().toISOString());
  }

  /**
   * Uses the link once and opens a new session; the browser's earlier session is ended, so a
   * session id planted before sign-in is never promoted (session fixation).
   */
  async function redeem(token: string, replacingSessionId?: string | null): Promise<OperatorSession> {
    const now = clock.now().toISOString();
    const actor = await db.transaction().execute(async (trx) => {
      const link = await store.consumeLoginLink(trx, hashToken(token), now);
      if (!link) throw new AppError('auth.link_invalid');
      await store.deleteExpiredLinks(trx, now);
      const signedIn = { kind: 'operator', label: link.actorLabel } as const;
      await recordAudit(trx, clock, { actor: actorId(signedIn), action: 'operator.signed_in' });
      return signedIn;
    });
    const session = await sessions.start(actor, { replacing: replacingSessionId ?? null });
    return { ...session, actor };
  }

  return { issueLoginLink, linkUsable, redeem };
}

export type OperatorAccessService = ReturnType<typeof createOperatorAccessService>;
