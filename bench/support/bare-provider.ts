/**
 * The SSO benchmark's baseline: oidc-provider as its own documentation sets it up, with none of
 * Leerpoort around it. The same code + PKCE flow, RS256 ID tokens, pairwise `sub`, a refresh
 * token per code and a fresh grant per launch (as Leerpoort issues them), but oidc-provider's
 * in-memory adapter, a plain Node HTTP server, one fixed account with fixed claims, no session
 * lookup, no privacy gate and no ledger. What a launch costs here is what the library costs on
 * this machine; a launch through Leerpoort costs that plus Leerpoort's own work.
 */
import http from 'node:http';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { SCOPE_CLAIMS } from '../../src/sso/oidc/claims.js';

export interface BareProvider {
  origin: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  close(): Promise<void>;
}

const ACCOUNT = 'bare-account';
const CLAIMS = { given_name: 'Sanne', role: 'student', nl_edu_home_organization_id: '43BN', group: 'Groep 5a', year_group: '5' };

export async function startBareProvider(redirectUri: string): Promise<BareProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'bare-client';
  const clientSecret = randomBytes(32).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(`${origin}/oidc`, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], subject_type: 'pairwise' }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'bare' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: SCOPE_CLAIMS,
    scopes: Object.keys(SCOPE_CLAIMS),
    subjectTypes: ['pairwise'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    // The browser counts as signed in (Leerpoort's own session would say who it is). The
    // validation of an extra parameter is the hook between loading the session and the account,
    // the one provider.ts uses too; oidc-provider calls it whether or not the parameter is sent ...
    extraParams: {
      instelling_ref: (ctx: any) => {
        if (ctx.oidc.route === 'authorization' && !ctx.oidc.session.accountId) ctx.oidc.session.loginAccount({ accountId: ACCOUNT });
      },
    },
    // ... and gets a fresh grant of the asked scopes at every launch.
    loadExistingGrant: async (ctx: any) => {
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.params.scope);
      await grant.save();
      return grant;
    },
    issueRefreshToken: async () => true,
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 900, Grant: 28_800, Session: 28_800, RefreshToken: 28_800 },
    pairwiseIdentifier: async (_ctx: any, accountId: string, client: any) => createHash('sha256').update(`${client.sectorIdentifier}\0${accountId}`).digest('base64url'),
    findAccount: async (_ctx: any, accountId: string) => ({ accountId, claims: async () => ({ sub: accountId, ...CLAIMS }) }),
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
  });
  const callback = provider.callback();
  server.on('request', (req: http.IncomingMessage & { originalUrl?: string }, res) => {
    req.originalUrl = req.url;
    req.url = (req.url ?? '').replace(/^\/oidc/, '') || '/';
    callback(req, res);
  });
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { origin, clientId, clientSecret, redirectUri, close };
}
