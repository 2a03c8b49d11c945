/**
 * Front-channel single logout (SAML 2.0 Profiles §4.4.3.2–4.4.3.4): when a Leerpoort session
 * ends (a Leerpoort logout, or an SP's LogoutRequest), every other SP that received an assertion
 * in that session gets a signed LogoutRequest, one after the other, through the browser:
 *
 *   start → /saml/slo/keten?t=… → LogoutRequest to SP 1 → its LogoutResponse at /saml/slo
 *         → /saml/slo/keten?t=… → SP 2 → … → `finish` (the login page, or the initiating SP's answer)
 *
 * The chain lives in `saml_logout_chains` under a hashed token that also travels as RelayState,
 * so the answer finds it again (by its InResponseTo as well, for an SP that drops RelayState).
 * An SP that never answers cannot trap the person: coming back to the chain page (the browser's
 * back button, or the SP's error page) shows "Verder", and that page moves on by itself.
 */
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { IdpEntity, IdpUrls } from './entities.js';
import { spEntity } from './entities.js';
import { checkLogoutResponse, type InboundMessage } from './inbound.js';
import { buildLogoutRequest } from './logout.js';
import type { PostForm } from './deps.js';
import type { SamlStore, ServiceProvider } from './store.js';

/** A Leerpoort session lives at most a school day; the record of its SPs no longer. */
const PARTICIPANT_HOURS = 24;
/** Long enough to pass a handful of SPs, short enough that a forgotten chain goes. */
const CHAIN_MINUTES = 15;

export const CHAIN_PATH = '/saml/slo/keten';

interface Participant {
  spId: number;
  nameId: string;
  sessionIndex: string;
}

export type ChainStep =
  /** Send the browser to this SP with the LogoutRequest. */
  | { kind: 'send'; sp: ServiceProvider; message: { redirect: string } | { form: PostForm } }
  /** The LogoutRequest went out and no answer came: the person may go on (`skip`). */
  | { kind: 'waiting'; sp: ServiceProvider | null; skip: string }
  | { kind: 'done'; location: string };

/** What identifies a Leerpoort session here: never the session id itself. */
export function sessionKeyOf(sessionId: string): string {
  return hashToken(`saml-session\0${sessionId}`);
}

/** The SessionIndex an SP receives for a Leerpoort session (it can name the login without learning the session id). */
export function sessionIndexOf(sessionId: string): string {
  return `_${sessionKeyOf(sessionId).slice(0, 40)}`;
}

export function createSingleLogout(deps: { store: SamlStore; clock: Clock; urls: IdpUrls; idpFor: (requireSigned: boolean) => Promise<IdpEntity> }) {
  const { store, clock, urls } = deps;
  const now = () => clock.now().toISOString();
  const chainUrl = (token: string, skip = false) => `${CHAIN_PATH}?t=${encodeURIComponent(token)}${skip ? '&verder=1' : ''}`;

  async function chainOf(token: string) {
    const chain = await store.chainBy('token_hash', hashToken(token), now());
    if (!chain) throw new AppError('saml.logout_chain_expired');
    return chain;
  }

  return {
    /** After a signed login response: this SP is to be told when the session ends. */
    async recordParticipant(sessionId: string, spId: number, nameId: string): Promise<void> {
      if (!sessionId) return;
      const expires = new Date(clock.now().getTime() + PARTICIPANT_HOURS * 3600_000).toISOString();
      await store.recordParticipant({ session_key: sessionKeyOf(sessionId), sp_id: spId, name_id: nameId, session_index: sessionIndexOf(sessionId), expires_at: expires });
    },

    /**
     * The session has ended: the chain through its SPs (minus the one that asked, if any) that
     * ends at `finish`; null when no SP needs telling (the caller goes to `finish` at once).
     */
    async start(sessionId: string, finish: string, exceptSpId: number | null): Promise<string | null> {
      const participants = (await store.takeParticipants(sessionKeyOf(sessionId), now())).filter((p) => p.spId !== exceptSpId);
      const remaining: Participant[] = [];
      // SPs without SLO cannot be told; the rest in a fixed order (by registration).
      for (const p of participants.sort((x, y) => x.spId - y.spId)) if ((await store.byId(p.spId))?.sloUrl) remaining.push(p);
      if (remaining.length === 0) return null;
      const token = newToken();
      const expires = new Date(clock.now().getTime() + CHAIN_MINUTES * 60_000).toISOString();
      await store.insertChain({ token_hash: hashToken(token), remaining: JSON.stringify(remaining), finish, waiting_request_id: null, waiting_sp_id: null, expires_at: expires }, now());
      return chainUrl(token);
    },

    /** The chain page: the next SP's LogoutRequest, the unanswered one (skip to go on), or the end. */
    async step(token: string, skip: boolean): Promise<ChainStep> {
      const chain = await chainOf(token);
      if (chain.waiting_sp_id !== null && !skip) return { kind: 'waiting', sp: await store.byId(Number(chain.waiting_sp_id)), skip: chainUrl(token, true) };
      const remaining = JSON.parse(chain.remaining) as Participant[];
      for (let next = remaining.shift(); next; next = remaining.shift()) {
        const sp = await store.byId(next.spId);
        if (!sp?.sloUrl) continue; // removed or changed since the login
        const request = await buildLogoutRequest({ idp: await deps.idpFor(false), sp: spEntity(sp, sp.acsUrls[0]), sp$: sp, issuer: urls.entityId, nameId: next.nameId, sessionIndex: next.sessionIndex, relayState: token, now: clock.now() });
        await store.updateChain(chain.id, { remaining: JSON.stringify(remaining), waiting_request_id: request.id, waiting_sp_id: sp.id });
        return { kind: 'send', sp, message: request.message };
      }
      await store.deleteChain(chain.id);
      return { kind: 'done', location: chain.finish };
    },

    /** An SP's LogoutResponse at /saml/slo: its step is done (also when it could not log out); on to the next. */
    async receiveResponse(message: InboundMessage): Promise<{ location: string; success: boolean; spId: number }> {
      const checked = await checkLogoutResponse(message, { store, urls, idpFor: deps.idpFor, now: clock.now() });
      const chain = await store.chainBy('waiting_request_id', checked.inResponseTo, now());
      if (!chain || Number(chain.waiting_sp_id) !== checked.sp.id) throw new AppError('saml.logout_chain_expired');
      let token = checked.relayState ?? '';
      const values: Parameters<SamlStore['updateChain']>[1] = { waiting_request_id: null, waiting_sp_id: null };
      // An SP that did not return our RelayState: the chain goes on under a new token.
      if (hashToken(token) !== chain.token_hash) values.token_hash = hashToken((token = newToken()));
      await store.updateChain(chain.id, values);
      return { location: chainUrl(token), success: checked.success, spId: checked.sp.id };
    },
  };
}

export type SingleLogout = ReturnType<typeof createSingleLogout>;
