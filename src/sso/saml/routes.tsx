/**
 * HTTP edge of the SAML IdP: metadata, SSO and SLO endpoints in both bindings, the
 * continuation after login, the single-logout chain through the session's other SPs
 * (single-logout.ts), and the operator's page of registered SPs.
 * SAML's POST bindings are cross-site form posts by design; they carry no CSRF token and
 * are protected instead by the SP's signature, IssueInstant, replay and ACS checks (inbound.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import type { OrganisationService } from '../../organisations/index.js';
import { isAppError } from '../../lib/errors.js';
import { actorId } from '../../accounts/index.js';
import { readSessionCookie, requireOperator } from '../../http/session.js';
import type { SignOut } from '../../http/sign-out.js';
import { pageContext, seeOther, sendPage } from '../../http/page.js';
import type { SamlService } from './service.js';
import type { PostForm, SamlCatalogue } from './deps.js';
import type { Binding } from './inbound.js';
import { personFor, subjectKeyOf } from './person.js';
import { loginPathFor } from '../../http/return-path.js';
import { AutoPostPage, ChooseSchoolPage, LogoutStepPage, LogoutWaitingPage, ServiceProvidersPage } from './views/pages.js';
import { CHAIN_PATH } from './single-logout.js';
import type { ServiceProvider } from './store.js';

export interface SamlRouteOptions {
  saml: SamlService;
  catalogue: SamlCatalogue;
  organisations: Pick<OrganisationService, 'schoolById' | 'schoolByRef'>;
  /** Ends the Leerpoort session and tells the publishers (http/sign-out.ts). */
  signOut: SignOut;
  db: Kysely<Database>;
  clock: Clock;
}

const SAML_POST_ROUTES = new Set(['/saml/sso', '/saml/slo']);
const AUTOPOST_SCRIPT = "document.getElementById('saml-autopost').submit();\n";
// The chain page goes to the SP at once; the page of an SP that did not answer moves on after 10 seconds.
const CHAIN_SCRIPT = [
  "var next = document.getElementById('saml-slo-next');",
  'if (next) location.assign(next.href);',
  "var skip = document.getElementById('saml-slo-skip');",
  'if (skip) setTimeout(function () { location.assign(skip.href); }, 10000);',
  '',
].join('\n');

/** The response page may post to the SP and nowhere else; everything else stays as strict as the rest. */
export async function sendAutoPost(request: FastifyRequest, reply: FastifyReply, form: PostForm, target: string): Promise<FastifyReply> {
  const origin = new URL(form.action).origin;
  reply.header(
    'content-security-policy',
    `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action ${origin}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'`,
  );
  return sendPage(reply, <AutoPostPage context={pageContext(request, reply)} form={form} target={target} />);
}

function rawQuery(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at === -1 ? '' : request.url.slice(at + 1);
}

function stringParams(source: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries((source ?? {}) as Record<string, unknown>)) if (typeof value === 'string') out[key] = value;
  return out;
}

function schoolParam(value: unknown): number | null {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

export async function samlRoutes(app: FastifyInstance, options: SamlRouteOptions): Promise<void> {
  const { saml, organisations } = options;

  // Cross-site SAML posts cannot carry our CSRF token (see the file comment).
  app.addHook('onRoute', (route) => {
    if (!SAML_POST_ROUTES.has(route.url) || !route.preValidation) return;
    const hooks = Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation];
    route.preValidation = hooks.filter((hook) => hook !== app.csrfProtection);
  });

  app.get('/saml/metadata', async (_request, reply) => {
    return reply.type('application/samlmetadata+xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(await saml.metadata());
  });

  app.get('/saml/autopost.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(AUTOPOST_SCRIPT));

  async function receiveLogin(request: FastifyRequest, reply: FastifyReply, binding: Binding) {
    const params = stringParams(binding === 'redirect' ? request.query : request.body);
    const hint = stringParams(request.query).school ?? null;
    const token = await saml.receiveAuthnRequest({ binding, params, rawQuery: rawQuery(request) }, hint);
    // A GET of our own: the browser now sends our (SameSite=Lax) session cookie, also after a cross-site POST.
    return seeOther(reply, `/saml/sso/verder?t=${encodeURIComponent(token)}`);
  }
  app.get('/saml/sso', (request, reply) => receiveLogin(request, reply, 'redirect'));
  app.post('/saml/sso', (request, reply) => receiveLogin(request, reply, 'post'));

  app.get('/saml/sso/verder', async (request, reply) => {
    const query = stringParams(request.query);
    const token = query.t ?? '';
    const pending = await saml.pendingLogin(token);
    const here = `/saml/sso/verder?t=${encodeURIComponent(token)}`;
    if (!request.actor && pending.passive) {
      const publisher = await options.catalogue.publishers.byId(pending.sp.publisherId);
      return sendAutoPost(request, reply, await saml.refusePassive(token), publisher?.name ?? pending.sp.entityId);
    }
    if (!request.actor) {
      const school = pending.schoolHint ? await organisations.schoolByRef(pending.schoolHint) : null;
      return seeOther(reply, loginPathFor(here, school));
    }
    const choice = await personFor(options.db, request.actor, schoolParam(query.school), options.clock.now());
    const publisher = await options.catalogue.publishers.byId(pending.sp.publisherId);
    const target = publisher?.name ?? pending.sp.entityId;
    if ('chooseFrom' in choice) {
      const schools = await Promise.all(choice.chooseFrom.map((id) => organisations.schoolById(id)));
      const list = schools.flatMap((s) => (s ? [{ id: s.id, name: s.name, href: `${here}&school=${s.id}` }] : []));
      return sendPage(reply, <ChooseSchoolPage context={pageContext(request, reply)} target={target} schools={list} />);
    }
    const form = await saml.completeLogin(token, choice.person, readSessionCookie(request) ?? '');
    return sendAutoPost(request, reply, form, target);
  });

  async function receiveLogout(request: FastifyRequest, reply: FastifyReply, binding: Binding) {
    const params = stringParams(binding === 'redirect' ? request.query : request.body);
    if (params.SAMLResponse) {
      // An SP answers the LogoutRequest of a single-logout chain: on to the next SP.
      const answered = await saml.singleLogout.receiveResponse({ binding, params, rawQuery: rawQuery(request) });
      if (!answered.success) request.log.warn({ spId: answered.spId }, 'saml: an SP answered single logout without Success');
      return seeOther(reply, answered.location);
    }
    const token = await saml.receiveLogoutRequest({ binding, params, rawQuery: rawQuery(request) });
    return seeOther(reply, `/saml/slo/verder?t=${encodeURIComponent(token)}`);
  }
  app.get('/saml/slo', (request, reply) => receiveLogout(request, reply, 'redirect'));
  app.post('/saml/slo', (request, reply) => receiveLogout(request, reply, 'post'));

  app.get('/saml/slo/verder', async (request, reply) => {
    const token = stringParams(request.query).t ?? '';
    const asked = await saml.logoutRequestOf(token, subjectKeyOf(request.actor));
    if (asked.namesSignedIn) {
      // The session ends now; the session's other SPs are told before this SP gets its answer,
      // which is this same page again (nobody signed in any more: Success).
      const here = `/saml/slo/verder?t=${encodeURIComponent(token)}`;
      const { location } = await options.signOut(request, reply, { then: here, exceptSamlSpId: asked.spId });
      if (location !== here) return seeOther(reply, location);
    }
    const done = await saml.completeLogout(token, subjectKeyOf(request.actor));
    if ('redirect' in done.response) return reply.redirect(done.response.redirect, 303);
    return sendAutoPost(request, reply, done.response.form, 'de lesmethode');
  });

  app.get(CHAIN_PATH, async (request, reply) => {
    const query = stringParams(request.query);
    const step = await saml.singleLogout.step(query.t ?? '', query.verder === '1');
    if (step.kind === 'done') return seeOther(reply, step.location);
    reply.header('cache-control', 'no-store');
    const target = await publisherName(step.sp);
    if (step.kind === 'waiting') return sendPage(reply, <LogoutWaitingPage context={pageContext(request, reply)} target={target} skip={step.skip} />);
    if ('form' in step.message) return sendAutoPost(request, reply, step.message.form, target);
    return sendPage(reply, <LogoutStepPage context={pageContext(request, reply)} target={target} href={step.message.redirect} />);
  });
  app.get(`${CHAIN_PATH}.js`, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CHAIN_SCRIPT));

  async function publisherName(sp: ServiceProvider | null): Promise<string> {
    if (!sp) return 'de lesmethode';
    return (await options.catalogue.publishers.byId(sp.publisherId))?.name ?? sp.entityId;
  }

  // Operator: registered SPs, adding one by its metadata, rotating the signing key.
  async function renderList(request: FastifyRequest, reply: FastifyReply, extra: { notice?: string; error?: string; values?: Record<string, string> } = {}, status = 200) {
    const providers = await saml.serviceProviders.list();
    const withNames = await Promise.all(
      providers.map(async (sp) => ({ ...sp, publisherName: (await options.catalogue.publishers.byId(sp.publisherId))?.name ?? `#${sp.publisherId}` })),
    );
    return sendPage(reply, <ServiceProvidersPage context={pageContext(request, reply)} providers={withNames} metadataUrl={saml.urls.entityId} {...extra} />, status);
  }
  app.get('/beheer/saml', { onRequest: requireOperator }, async (request, reply) => {
    const query = stringParams(request.query);
    return renderList(request, reply, { notice: query.gedaan === 'sp' ? 'De lesmethode is aangemeld.' : query.gedaan === 'sleutel' ? 'Er is een nieuwe ondertekeningssleutel.' : undefined });
  });
  app.post('/beheer/saml', { onRequest: requireOperator }, async (request, reply) => {
    const body = stringParams(request.body);
    const values = { publisher: body.publisher ?? '', profile: body.profile ?? '', metadata: body.metadata ?? '' };
    try {
      await saml.serviceProviders.add(actorId(request.actor as NonNullable<typeof request.actor>), { publisherSlug: values.publisher.trim(), profile: values.profile, metadataXml: values.metadata.trim() });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return renderList(request, reply, { error: error.message, values }, error.status);
    }
    return seeOther(reply, '/beheer/saml?gedaan=sp');
  });
  app.post('/beheer/saml/sleutel', { onRequest: requireOperator }, async (_request, reply) => {
    await saml.keys.rotate();
    return seeOther(reply, '/beheer/saml?gedaan=sleutel');
  });
}
