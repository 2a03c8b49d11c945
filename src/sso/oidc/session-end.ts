/**
 * Ends oidc-provider's state when a person logs out of Leerpoort (src/sso/logout.ts), the way
 * oidc-provider's own end_session does it (lib/actions/end_session.js): for every client in the
 * OIDC session a back-channel logout (`client.backchannelLogout(sub, sid)`: oidc-provider signs
 * the logout_token and posts it through its configured fetch), its grant revoked with every
 * token issued under it, then the session destroyed. Without this a shared class device would
 * keep the previous pupil's refresh tokens working until their TTL and the publisher would never
 * learn she left.
 * - `endBrowserSession`: the OIDC session of this browser, found by its session cookie;
 * - `endAllOf`: every OIDC session and grant of one person (account-index.ts): "Overal uitloggen",
 *   and Leerpoort cutting a person off (password reset, account switched off, pupil deactivated).
 *   The person index is read first, without the provider: a person who never used OIDC costs two
 *   index lookups and nothing else (a roster import deactivating a whole leaving class).
 * A publisher that does not answer its back-channel URI never blocks a logout: logged, not thrown.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';

export interface LogoutLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- oidc-provider's models are untyped (oidc-provider.d.ts) */
type StoredSession = { accountId?: string; authorizations?: Record<string, { sid?: string; grantId?: string }>; destroy(): Promise<void> };

/** Everything issued under a grant, and the grant: both adapters delete all of it by grant id (adapter.ts GRANTABLE). */
async function revokeGrant(provider: Provider, grantId: string): Promise<void> {
  await provider.Grant.adapter.revokeByGrantId(grantId);
}

async function endSession(provider: Provider, session: StoredSession, log: LogoutLog): Promise<number> {
  const { accountId } = session;
  const authorizations = Object.entries(session.authorizations ?? {});
  await Promise.all(
    authorizations.map(async ([clientId, { sid, grantId }]) => {
      if (grantId) await revokeGrant(provider, grantId);
      const client = await provider.Client.find(clientId).catch(() => undefined);
      if (!client?.backchannelLogoutUri || !accountId) return;
      try {
        await client.backchannelLogout(accountId, sid);
      } catch (error) {
        log.warn({ clientId, error: (error as Error).message }, 'oidc: back-channel logout failed');
      }
    }),
  );
  await session.destroy();
  return authorizations.length;
}

/** The person index of one model (both adapters have it; see account-index.ts). */
export type AccountIndex = (kind: 'Session' | 'Grant') => { idsOfAccount(accountKey: string): Promise<string[]> };

export function createOidcSessionEnd(deps: { provider: () => Promise<Provider>; index: AccountIndex }) {
  return {
    /** The OIDC session whose cookie (`leerpoort_oidc`, signed) this browser sends; returns how many clients were in it. */
    async endBrowserSession(req: IncomingMessage, res: ServerResponse, log: LogoutLog): Promise<number> {
      const provider = await deps.provider();
      // Session.get reads and verifies the signed cookie through a Koa context, as oidc-provider's routes do.
      const session = (await provider.Session.get({ req, res } as any)) as StoredSession & { new?: boolean };
      if (session.new || !session.accountId) return 0;
      return endSession(provider, session, log);
    },

    /** Every OIDC session (with back-channel logout) and grant of one person, on every device; returns how many clients were told. */
    async endAllOf(accountKey: string, log: LogoutLog): Promise<number> {
      const [sessionIds, grantIds] = await Promise.all([deps.index('Session').idsOfAccount(accountKey), deps.index('Grant').idsOfAccount(accountKey)]);
      if (sessionIds.length === 0 && grantIds.length === 0) return 0;
      const provider = await deps.provider();
      let clients = 0;
      for (const id of sessionIds) {
        const session = (await provider.Session.find(id)) as StoredSession | undefined;
        if (session) clients += await endSession(provider, session, log);
      }
      // Grants outlive a session that expired: their refresh tokens end too (a grant revoked above is a no-op here).
      for (const grantId of grantIds) await revokeGrant(provider, grantId);
      return clients;
    },
  };
}

export type OidcSessionEnd = ReturnType<typeof createOidcSessionEnd>;
