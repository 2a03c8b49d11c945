/**
 * One demo publisher as an OpenID Connect relying party, the way a publisher's backend would do
 * it with openid-client: discovery, authorization code + PKCE (S256), state and nonce, token,
 * userinfo. Pending logins live in memory, bound to the browser by a random state cookie.
 */
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';

export interface DemoClient {
  /** Path prefix on the demo publisher app, e.g. `/rekenen`. */
  prefix: string;
  /** Shown on the pages, e.g. "Uitgeverij Demo Rekenen". */
  publisherName: string;
  methodName: string;
  clientId: string;
  clientSecret: string;
  /** Scopes asked for; what comes back still follows the publisher's data-sharing profile. */
  scope: string;
}

export interface ReceivedLogin {
  idTokenClaims: Record<string, unknown>;
  userinfo: Record<string, unknown>;
  scope: string;
}

const PENDING_MS = 10 * 60_000;

export function createRelyingParty(deps: { issuer: string; baseUrl: string; client: DemoClient }) {
  const { client } = deps;
  const redirectUri = `${deps.baseUrl}${client.prefix}/callback`;
  const pending = new Map<string, { verifier: string; nonce: string; at: number }>();
  let configuration: Promise<oidc.Configuration> | null = null;

  function config(): Promise<oidc.Configuration> {
    // Discovered on first use (Leerpoort may start after this app); http is allowed only on this machine.
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(deps.issuer).hostname);
    configuration ??= oidc
      .discovery(new URL(deps.issuer), client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), local ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        configuration = null;
        throw error;
      });
    return configuration;
  }

  function prune(now: number) {
    for (const [state, entry] of pending) if (now - entry.at > PENDING_MS) pending.delete(state);
  }

  return {
    redirectUri,
    /** Starts a login: the authorization URL and the state to keep in the browser's cookie. */
    async begin(options: { instellingRef?: string } = {}): Promise<{ url: string; state: string }> {
      const now = Date.now();
      prune(now);
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      pending.set(state, { verifier, nonce, at: now });
      const params: Record<string, string> = {
        redirect_uri: redirectUri,
        scope: client.scope,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      };
      if (options.instellingRef) params.instelling_ref = options.instellingRef;
      return { url: oidc.buildAuthorizationUrl(await config(), params).href, state };
    },

    /** Finishes a login at the callback URL; `state` is the one from the browser's cookie. */
    async finish(callbackUrl: URL, state: string): Promise<ReceivedLogin> {
      const entry = pending.get(state);
      pending.delete(state);
      if (!entry) throw new Error('Deze inlogpoging is onbekend of verlopen. Start opnieuw vanuit Leerpoort.');
      const cfg = await config();
      const tokens = await oidc.authorizationCodeGrant(cfg, callbackUrl, { pkceCodeVerifier: entry.verifier, expectedState: state, expectedNonce: entry.nonce, idTokenExpected: true });
      const idTokenClaims = { ...(tokens.claims() ?? {}) } as Record<string, unknown>;
      const userinfo = await oidc.fetchUserInfo(cfg, tokens.access_token, String(idTokenClaims.sub));
      return { idTokenClaims, userinfo: { ...userinfo }, scope: tokens.scope ?? '' };
    },
  };
}

export const newCookieValue = () => randomBytes(16).toString('base64url');
