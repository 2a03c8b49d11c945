/**
 * HTTP edge of the OpenID provider. oidc-provider is a Koa app; it is mounted at /oidc by
 * handing the raw Node request to `provider.callback()` from an `onRequest` hook with
 * `reply.hijack()` (no @fastify/middie): Fastify then neither parses the body (oidc-provider
 * reads the stream itself) nor adds the CSRF check meant for our own forms (the token
 * endpoint is called by publishers' servers; OAuth has its own protections: PKCE, state, client auth).
 * Leerpoort's own routes here: the interaction step and the operator's client pages.
 */
import { loginPathFor } from '../../http/return-path.js';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { actorId } from '../../accounts/index.js';
import { requireOperator, signedInOf } from '../../http/session.js';
import { pageContext, sendPage, seeOther } from '../../http/page.js';
import { AppError, isAppError } from '../../lib/errors.js';
import type { OidcService } from './service.js';
import { releaseClientOf } from './provider.js';
import { grantResult } from './interaction.js';
import { ChooseSchoolPage, loggedOutPage, logoutPage, protocolErrorPage, unavailablePage } from './views/pages.js';
import { ClientCreatedPage, ClientsPage, type ClientFormValues } from './views/clients-page.js';

const MOUNT = '/oidc';

/**
 * oidc-provider's own pages post forms (logout confirmation, the logout that precedes an
 * account switch, response_mode=form_post) whose redirects end at a client's registered URI on
 * another origin; browsers apply CSP form-action to those redirects. The provider validates
 * every such target, so its responses go without the form-action restriction (the rest of the
 * policy stays; oidc-provider adds the hash of its one inline script to script-src itself).
 */
function withoutFormAction(csp: string): string {
  return csp
    .split(';')
    .filter((directive) => !directive.trim().startsWith('form-action'))
    .join(';');
}

/** Hands a request to oidc-provider (see the file comment). */
function protocolServer(oidc: OidcService) {
  return async function serveProtocol(request: FastifyRequest, reply: FastifyReply) {
    const handler = await oidc.runtime.handler();
    reply.hijack();
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    const csp = reply.raw.getHeader('content-security-policy');
    if (typeof csp === 'string') reply.raw.setHeader('content-security-policy', withoutFormAction(csp));
    // oidc-provider derives its own URLs from the part of originalUrl before `url` (its mount path).
    raw.originalUrl = raw.url;
    raw.url = (raw.url ?? '').slice(MOUNT.length) || '/';
    handler(raw, reply.raw);
  };
}

/** The authorization endpoint itself (not its /auth/:uid resume). */
const AUTHORIZATION = new RegExp(`^${MOUNT}/auth(?:\\?|$)`);

/**
 * A root-level hook, registered in app.ts before the session lookup: protocol requests
 * (/oidc/* except Leerpoort's interaction page) go to oidc-provider without the Leerpoort
 * session lookup most of them do not use (publishers' servers send none). Only the
 * authorization request needs it: a browser signed in to Leerpoort can be decided there and
 * then, without the interaction page (provider.ts).
 */
export function mountOidcProtocol(app: FastifyInstance, oidc: OidcService, deps: Parameters<typeof signedInOf>[1]): void {
  const serve = protocolServer(oidc);
  app.addHook('onRequest', async (request, reply) => {
    const url = request.raw.url ?? '';
    if (!url.startsWith(`${MOUNT}/`) || url.startsWith(`${MOUNT}/interaction/`)) return;
    if (AUTHORIZATION.test(url)) {
      const signedIn = await signedInOf(request, deps);
      if (signedIn) oidc.rememberSignedIn(request.raw, signedIn.actor);
    }
    await serve(request, reply);
  });
}

export const oidcRoutes: FastifyPluginAsync<{ oidc: OidcService; publishers: { list(): Promise<Array<{ slug: string; name: string }>> } }> = async (app, options) => {
  const { oidc } = options;
  oidc.runtime.start({ logout: logoutPage, loggedOut: loggedOutPage, error: protocolErrorPage, unavailable: unavailablePage });
  app.addHook('onClose', async () => oidc.runtime.stop());

  // Normally mountOidcProtocol (above, registered in app.ts) has answered first; this route is the fallback without it.
  const serve = protocolServer(oidc);
  app.route({ method: ['GET', 'POST', 'HEAD', 'OPTIONS', 'DELETE'], url: `${MOUNT}/*`, onRequest: serve, handler: async () => undefined });

  app.get<{ Params: { uid: string }; Querystring: { school?: string } }>(`${MOUNT}/interaction/:uid`, async (request, reply) => {
    const provider = await oidc.runtime.provider();
    let details;
    try {
      details = await provider.interactionDetails(request.raw, reply.raw);
    } catch {
      throw new AppError('sso.interaction_expired');
    }
    if (details.uid !== request.params.uid) throw new AppError('sso.interaction_expired');
    const client = await provider.Client.find(details.params.client_id);
    if (!client) throw new AppError('sso.interaction_expired');
    const chosen = /^\d{1,15}$/.test(request.query.school ?? '') ? Number(request.query.school) : null;
    const outcome = await oidc.interaction.run({ uid: details.uid, actor: request.actor, client: releaseClientOf(client), params: details.params, chosenSchoolId: chosen });
    if (outcome.kind === 'signIn') return seeOther(reply, loginPathFor(outcome.returnTo, outcome.school));
    if (outcome.kind === 'chooseSchool') return sendPage(reply, ChooseSchoolPage({ context: pageContext(request, reply), uid: details.uid, schools: outcome.schools }));
    const result = await grantResult(provider, outcome, client.clientId);
    const returnTo = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
    return seeOther(reply, returnTo);
  });

  async function renderClients(request: FastifyRequest, reply: FastifyReply, values: ClientFormValues, error: AppError | null) {
    const [clients, publishers] = await Promise.all([oidc.clients.list(), options.publishers.list()]);
    return sendPage(reply, ClientsPage({ context: pageContext(request, reply), clients, publishers, values, error }), error ? error.status : 200);
  }

  app.get('/beheer/oidc-clients', { onRequest: requireOperator }, async (request, reply) => renderClients(request, reply, {}, null));

  app.post<{ Body: Record<string, string | undefined> }>('/beheer/oidc-clients', { onRequest: requireOperator }, async (request, reply) => {
    const body = request.body ?? {};
    const values: ClientFormValues = {
      publisher: String(body.publisher ?? ''),
      redirectUris: String(body.redirectUris ?? ''),
      postLogoutRedirectUris: String(body.postLogoutRedirectUris ?? ''),
      backchannelLogoutUri: String(body.backchannelLogoutUri ?? ''),
      profile: String(body.profile ?? ''),
    };
    const lines = (text: string) => text.split(/\s+/).map((s) => s.trim()).filter(Boolean);
    const actor = actorId(request.actor!);
    try {
      const created = await oidc.clients.add(actor, {
        publisherSlug: values.publisher,
        redirectUris: lines(values.redirectUris),
        postLogoutRedirectUris: lines(values.postLogoutRedirectUris),
        backchannelLogoutUri: values.backchannelLogoutUri || null,
        profile: values.profile,
      });
      return sendPage(reply, ClientCreatedPage({ context: pageContext(request, reply), ...created, issuer: oidc.issuer }), 201);
    } catch (error) {
      if (isAppError(error) && error.code.startsWith('sso.')) return renderClients(request, reply, values, error);
      throw error;
    }
  });
};
