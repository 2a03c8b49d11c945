/**
 * The oidc-provider configuration: what Leerpoort's OpenID Provider does and does not do.
 * Authorization code flow only, PKCE (S256) always, refresh tokens rotated on every use,
 * pairwise `sub` from the one pseudonym rule, RP-initiated and back-channel logout.
 * Every authorization is decided by Leerpoort (the custom login check below): the Leerpoort
 * session, the person and the privacy gate are checked each time, also when oidc-provider
 * would reuse its own session and grant. When the person is signed in to Leerpoort in this
 * browser and nothing needs asking, that decision is taken inside the authorization request
 * (one redirect, straight back with a code); otherwise the browser goes through Leerpoort's
 * interaction page. See docs/oidc.md and ADR 0009.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Provider, { interactionPolicy } from 'oidc-provider';
import type { JWK } from 'jose';
import { formatMessage, isAppError } from '../../lib/errors.js';
import { isServiceOutage, OUTAGE_RETRY_AFTER_SECONDS } from '../../lib/outage.js';
import { SCOPE_CLAIMS, claimsOfScopes, claimsToRelease } from './claims.js';
import type { ReleaseClient, ReleaseDecider } from './release.js';
import { saveGrant, type GrantOutcome } from './interaction.js';
import type { SharingProfile } from '../profiles.js';
import type { createAdapterClass } from './adapter.js';

/** Pages oidc-provider renders itself (logout confirmation, errors); built by the HTTP edge. */
export interface ProviderPages {
  logout(form: string, clientName: string | null): Promise<string>;
  loggedOut(clientName: string | null): Promise<string>;
  error(out: { error: string; error_description?: string }): Promise<string>;
  /** PostgreSQL or Redis out of reach: "try again in a moment". */
  unavailable(): Promise<string>;
}

export interface ProviderDeps {
  issuer: string;
  jwks: { keys: JWK[] };
  cookieSecret: string;
  /** oidc-provider's adapter class: adapter.ts (database) or adapter-redis.ts. */
  adapter: ReturnType<typeof createAdapterClass> | (new (kind: string) => object);
  decider: ReleaseDecider;
  pages: ProviderPages;
  /** Behind a proxy: trust X-Forwarded-Proto/Host for URLs and secure cookies. */
  proxy: boolean;
  /**
   * Outside production, back-channel logout may reach publishers on loopback or private
   * addresses (tests, a local demo publisher); in production oidc-provider's SSRF guard stays.
   */
  allowPrivateNetworkFetch: boolean;
  /** Leerpoort's session lifetime: tokens live no longer than a school day. */
  sessionTtlSeconds: number;
  /** Called once per authorization code issued: one launch of a method (metrics). */
  onLaunch?: () => void;
  /**
   * Leerpoort's decision for an authorization request whose browser is signed in to Leerpoort:
   * the grant when nothing needs asking and the gate passes, else null (→ interaction page).
   */
  decideInRequest(req: IncomingMessage, client: ReleaseClient, params: { scope?: string; claims?: string; instelling_ref?: string }): Promise<GrantOutcome | null>;
}

const RELEASING_ROUTES = new Set(['token', 'userinfo']);

/** The client's Leerpoort properties (extra client metadata, see clients.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function releaseClientOf(client: any): ReleaseClient {
  return { clientId: client.clientId, publisherId: Number(client.leerpoort_publisher_id), sector: String(client.leerpoort_sector), profile: client.leerpoort_profile as SharingProfile };
}

/** Cookie signing keys derived from COOKIE_SECRET (never the secret itself). */
function cookieKeys(secret: string): string[] {
  return [createHash('sha256').update(`leerpoort-oidc-cookies\0${secret}`).digest('base64url')];
}

export function buildProvider(deps: ProviderDeps): Provider {
  const { decider, pages } = deps;
  /** Authorization requests Leerpoort decided in the request itself (see decideInRequest). */
  const decidedInRequest = new WeakMap<object, GrantOutcome>();
  const policy = interactionPolicy.base();
  // Leerpoort, not oidc-provider's session, decides who is signed in (shared class devices:
  // the next pupil must never inherit the previous one's OIDC session) and whether consent holds:
  // either its interaction page ran (result.login) or the request was decided in place.
  policy.get('login').checks.add(
    new interactionPolicy.Check('leerpoort_gate', 'every authorization is checked against the Leerpoort session and the privacy gate', (ctx: any) =>
      ctx.oidc.result?.login || decidedInRequest.has(ctx) ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
    ),
  );

  /**
   * Runs in the authorization request after oidc-provider loaded its session and before it
   * loads the account (the only hook between the two: the validation of Leerpoort's one extra
   * parameter, which oidc-provider calls whether or not the parameter is present). The OIDC
   * session takes the Leerpoort person only when it is new or already that same person; a
   * browser whose OIDC session belongs to someone else goes through the interaction page,
   * where oidc-provider's account switch clears the previous person's authorizations.
   */
  async function decideInRequest(ctx: any): Promise<void> {
    if (ctx.oidc.route !== 'authorization') return;
    const outcome = await deps.decideInRequest(ctx.req, releaseClientOf(ctx.oidc.client), ctx.oidc.params);
    if (!outcome) return;
    const session = ctx.oidc.session;
    if (session.accountId && session.accountId !== outcome.accountId) return;
    if (!session.accountId) session.loginAccount({ accountId: outcome.accountId });
    decidedInRequest.set(ctx, outcome);
  }

  const provider = new Provider(deps.issuer, {
    adapter: deps.adapter,
    jwks: deps.jwks,
    cookies: {
      keys: cookieKeys(deps.cookieSecret),
      names: { session: 'leerpoort_oidc', interaction: 'leerpoort_oidc_interactie', resume: 'leerpoort_oidc_hervat' },
    },
    claims: SCOPE_CLAIMS,
    scopes: ['openid', 'offline_access', ...Object.keys(SCOPE_CLAIMS).filter((s) => s !== 'openid')],
    subjectTypes: ['pairwise'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic', subject_type: 'pairwise' },
    extraClientMetadata: { properties: ['leerpoort_publisher_id', 'leerpoort_sector', 'leerpoort_profile'] },
    extraParams: { instelling_ref: decideInRequest },
    // A request decided in place gets a fresh grant of exactly what the profile allows (as the
    // interaction page stores one); otherwise oidc-provider's default lookup.
    loadExistingGrant: async (ctx: any) => {
      const outcome = decidedInRequest.get(ctx);
      if (outcome) return saveGrant(ctx.oidc.provider, outcome, ctx.oidc.client.clientId);
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      revocation: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: any, form: string) => {
          ctx.body = await pages.logout(form, ctx.oidc.client?.clientName ?? null);
        },
        postLogoutSuccessSource: async (ctx: any) => {
          ctx.body = await pages.loggedOut(ctx.oidc.client?.clientName ?? null);
        },
      },
    },
    // Refresh tokens for every code grant of a client that may refresh (no offline_access +
    // prompt=consent dance); each refresh re-checks the person and the privacy gate (findAccount).
    issueRefreshToken: async (_ctx: any, client: any, code: any) => client.grantTypeAllowed('refresh_token') && code.scopes.has('openid'),
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 900,
      Grant: deps.sessionTtlSeconds,
      Session: deps.sessionTtlSeconds,
      RefreshToken: deps.sessionTtlSeconds,
    },
    interactions: { policy, url: (_ctx: any, interaction: any) => `/oidc/interaction/${interaction.uid}` },
    pairwiseIdentifier: async (_ctx: any, accountId: string, client: any) => decider.pseudonym(accountId, String(client.leerpoort_sector)),
    findAccount: async (ctx: any, accountId: string) => {
      const client = ctx.oidc?.client;
      // Claims leave only at the token and userinfo endpoints: there the full decision runs
      // again. Elsewhere (resuming right after Leerpoort's interaction ran the gate, logout)
      // it is enough that the person still exists.
      if (!client || !RELEASING_ROUTES.has(ctx.oidc.route)) {
        // Decided in this very request (decideInRequest): the person was checked a moment ago.
        const checked = decidedInRequest.get(ctx)?.accountId === accountId || Boolean(await decider.person(accountId));
        return checked ? { accountId, claims: async () => ({ sub: accountId }) } : undefined;
      }
      const releaseClient = releaseClientOf(client);
      // A refresh decides in full; the code exchange and userinfo belong to the launch whose
      // authorization just decided (release-cache.ts).
      const withinLaunch = ctx.oidc.route === 'userinfo' || ctx.oidc.params?.grant_type === 'authorization_code';
      let decision;
      try {
        decision = await (withinLaunch ? decider.decideWithinLaunch(accountId, releaseClient) : decider.decide(accountId, releaseClient));
      } catch (error) {
        // Person gone, agreement ended or consent withdrawn: nothing more is issued or released.
        // Anything else (the database out of reach) is not "no such account": it stays an error.
        if (isAppError(error)) return undefined;
        throw error;
      }
      return {
        accountId,
        async claims(use: string, scope: string, requestedClaims: Record<string, unknown> | undefined, rejected: string[]) {
          // With response_type=code the ID token carries only `sub` unless the `claims`
          // parameter asks for more (conformIdTokenClaims); userinfo gets the scopes' claims.
          const asked = new Set([...(use === 'userinfo' ? claimsOfScopes(scope) : []), ...Object.keys(requestedClaims ?? {})]);
          for (const claim of rejected ?? []) asked.delete(claim);
          const { claims, attributes } = claimsToRelease(decision.release, asked);
          await decider.record(decision, releaseClient, attributes);
          return { sub: accountId, ...claims };
        },
      };
    },
    renderError: async (ctx: any, out: { error: string; error_description?: string }, error: unknown) => {
      ctx.type = 'html';
      if (isServiceOutage(error)) {
        ctx.status = 503;
        ctx.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
        ctx.body = await pages.unavailable();
        return;
      }
      ctx.body = await pages.error(out);
    },
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    fetch: (url: string, options: Record<string, unknown>) =>
      globalThis.fetch(url, deps.allowPrivateNetworkFetch ? { ...options, dispatcher: undefined } : options),
  });
  provider.proxy = deps.proxy;
  // PostgreSQL or Redis out of reach at the token, userinfo and other JSON endpoints: a 503 that
  // says "try again" (temporarily_unavailable, Retry-After), not a 500 server_error. Pages for
  // people get it from renderError above. oidc-provider emits this right after setting the body.
  provider.on('server_error', (ctx: any, error: unknown) => {
    if (!isServiceOutage(error) || typeof ctx.body !== 'object' || ctx.body === null) return;
    ctx.status = 503;
    ctx.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    ctx.body = { error: 'temporarily_unavailable', error_description: formatMessage('service.unavailable') };
  });
  if (deps.onLaunch) provider.on('authorization.success', deps.onLaunch);
  return provider;
}
