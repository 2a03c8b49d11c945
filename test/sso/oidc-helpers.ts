/**
 * What the OIDC tests share: the real app listening on a real port (openid-client speaks real
 * HTTP), a school with pupils, a publisher with an agreement and the school's consent, a
 * registered client, and a small cookie-keeping browser that follows redirects by hand.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import type { TestDatabase } from '../helpers/databases.js';
import type { SharingProfile } from '../../src/sso/index.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The real app, listening: issuer = PUBLIC_URL + /oidc must be the address openid-client reaches. */
export async function listeningApp(database: TestDatabase, env: Record<string, string> = {}): Promise<TestApp & { baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await buildTestApp(database, { PUBLIC_URL: baseUrl, ...env });
  await t.app.listen({ port, host: '127.0.0.1' });
  return Object.assign(t, { baseUrl });
}

export const OPERATOR = { id: 'operator:test', name: 'Testbeheer' };

/** A publisher with an active agreement (profile) for the school's board and the school's consent. */
export async function consentedPublisher(t: TestApp, school: { id: number; boardId: number }, agreementProfile: SharingProfile = 'with_eck') {
  const slug = `uitgever-${randomBytes(4).toString('hex')}`;
  const publisher = await t.capabilities.catalogue.publishers.add('test', { slug, name: `Uitgeverij ${slug}` });
  await t.capabilities.privacy.agreements.set(OPERATOR, { boardId: school.boardId, publisherId: publisher.id, profile: agreementProfile });
  await t.capabilities.privacy.consents.set(OPERATOR, { schoolId: school.id }, { publisherId: publisher.id, granted: true });
  return publisher;
}

export async function withdrawConsent(t: TestApp, schoolId: number, publisherId: number) {
  await t.capabilities.privacy.consents.set(OPERATOR, { schoolId }, { publisherId, granted: false });
}

export interface Publisher {
  slug: string;
  id: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  config: oidc.Configuration;
}

/** Registers a client the way the operator does and discovers the provider the way a publisher does. */
export async function registerClient(
  t: TestApp & { baseUrl: string },
  publisher: { id: number; slug: string },
  options: { profile: SharingProfile; backchannelLogoutUri?: string; host?: string } = { profile: 'standard' },
): Promise<Publisher> {
  const host = options.host ?? `http://127.0.0.1:9/${publisher.slug}`;
  const redirectUri = `${host}/callback`;
  const { clientId, clientSecret } = await t.capabilities.oidcClients.add('operator:test', {
    publisherSlug: publisher.slug,
    redirectUris: [redirectUri],
    postLogoutRedirectUris: [`${host}/uitgelogd`],
    backchannelLogoutUri: options.backchannelLogoutUri,
    profile: options.profile,
  });
  const config = await oidc.discovery(new URL(`${t.baseUrl}/oidc`), clientId, undefined, oidc.ClientSecretBasic(clientSecret), { execute: [oidc.allowInsecureRequests] });
  return { slug: publisher.slug, id: publisher.id, clientId, clientSecret, redirectUri, config };
}

interface StoredCookie {
  value: string;
  path: string;
}

/** A browser over real HTTP: keeps cookies (by name and path) and follows redirects one by one. */
export class HttpBrowser {
  private readonly cookies = new Map<string, StoredCookie>();

  constructor(readonly baseUrl: string) {}

  setCookie(name: string, value: string, path = '/') {
    this.cookies.set(`${name}|${path}`, { value, path });
  }

  private header(pathname: string): string {
    return [...this.cookies]
      .filter(([, c]) => pathname.startsWith(c.path))
      .map(([key, c]) => `${key.split('|')[0]}=${c.value}`)
      .join('; ');
  }

  private remember(response: Response) {
    for (const raw of response.headers.getSetCookie()) {
      const [pair, ...attributes] = raw.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expires = attributes.find((a) => a.toLowerCase().startsWith('expires='));
      const gone = value === '' || (expires && Date.parse(expires.slice(8)) < Date.now()) || attributes.some((a) => a.toLowerCase() === 'max-age=0');
      if (gone) this.cookies.delete(`${name}|${path}`);
      else this.cookies.set(`${name}|${path}`, { value, path });
    }
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url, this.baseUrl);
    const headers: Record<string, string> = { cookie: this.header(target.pathname) };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(target, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.remember(response);
    return response;
  }

  /** Follows redirects within Leerpoort; stops at the first response that is not a redirect or that leaves Leerpoort. */
  async follow(url: string, limit = 10): Promise<{ response: Response; url: string }> {
    let current = new URL(url, this.baseUrl).href;
    for (let i = 0; i < limit; i++) {
      if (!current.startsWith(this.baseUrl)) return { response: new Response(null, { status: 200 }), url: current };
      let response = await this.request(current);
      // oidc-provider's self-submitting form (its script runs in a browser): submit it as a browser would.
      if (response.status === 200 && String(response.headers.get('content-type')).startsWith('text/html')) {
        const html = await response.text();
        if (!html.includes('<title>Submitting Callback</title>')) return { response: new Response(html, { status: 200, headers: response.headers }), url: current };
        const action = /<form method="post" action="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
        const form = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]));
        current = new URL(action, current).href;
        if (!current.startsWith(this.baseUrl)) return { response: new Response(null, { status: 200 }), url: current };
        response = await this.request(current, { form });
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      await response.arrayBuffer();
      current = new URL(location, current).href;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

/** A pupil signed in the way a pupil does: the login card (QR) of her school, over real HTTP. */
export async function signedInPupil(t: TestApp & { baseUrl: string }, scope: { schoolId: number }, pupilId: number, browser = new HttpBrowser(t.baseUrl)): Promise<HttpBrowser> {
  const [card] = await t.capabilities.pupilAccess.admin.issueCards('test', scope, [pupilId]);
  const page = await browser.request(`/kaart/${card.token}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  assert.ok(csrf, 'card page has a CSRF token');
  const done = await browser.request(`/kaart/${card.token}`, { form: { _csrf: csrf } });
  assert.equal(done.status, 303, 'card login redirects to the portal');
  return browser;
}

export interface Launch {
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  callback: URL;
}

/** A publisher's authorization request with PKCE: the URL, and the verifier and state to check the answer with. */
export async function authorizationRequest(publisher: Publisher, params: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(publisher.config, {
    redirect_uri: publisher.redirectUri,
    scope: 'openid profile school',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...params,
  });
  return { url, verifier, state };
}

/** authorize → (Leerpoort interaction) → code → token, as a publisher's backend and the pupil's browser do it. */
export async function authorize(browser: HttpBrowser, publisher: Publisher, params: Record<string, string> = {}) {
  const { url, verifier, state } = await authorizationRequest(publisher, params);
  const { response, url: landed } = await browser.follow(url.href);
  return { verifier, state, response, landed };
}

export async function launch(browser: HttpBrowser, publisher: Publisher, params: Record<string, string> = {}): Promise<Launch> {
  const { verifier, state, response, landed } = await authorize(browser, publisher, params);
  assert.ok(landed.startsWith(publisher.redirectUri), `expected the publisher's callback, got ${landed} (${response.status}: ${(await response.text()).slice(0, 400)})`);
  const callback = new URL(landed);
  const tokens = await oidc.authorizationCodeGrant(publisher.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return { tokens, callback };
}

export { oidc };

/** A publisher's back-channel endpoint: collects the logout tokens it is sent. */
export async function backchannelReceiver() {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(new URLSearchParams(body).get('logout_token') ?? '');
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { received, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The CSRF token of a Leerpoort page, as a browser reads it from the form. */
export async function csrfOf(browser: HttpBrowser, path: string): Promise<string> {
  const page = await browser.request(path);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  assert.ok(csrf, `${path} has a CSRF token`);
  return csrf;
}

/** The publisher's refresh fails the way a revoked grant does. */
export async function refused(publisher: Publisher, refreshToken: string, message: string) {
  await assert.rejects(oidc.refreshTokenGrant(publisher.config, refreshToken), (e: { error?: string }) => e.error === 'invalid_grant', message);
}

/** A teacher at the school with a chosen password (activation link used); answers her e-mail address and account id. */
export async function activeTeacher(t: TestApp, schoolId: number, email: string, password: string): Promise<{ email: string; accountId: number }> {
  await t.capabilities.staffAccounts.members.addToSchool('test', { schoolId }, { email, displayName: 'Bea Bakker', role: 'teacher' });
  const mail = await t.db.kysely.selectFrom('mail_messages').select('text').where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const { subject } = await t.capabilities.staffAccounts.signIn.setPasswordWithLink('activation', /\/account\/activeren\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1], password);
  return { email, accountId: subject.accountId };
}

/** A browser signed in to Leerpoort as this staff member (password form). */
export async function signedInStaff(t: TestApp & { baseUrl: string }, email: string, password: string): Promise<HttpBrowser> {
  const browser = new HttpBrowser(t.baseUrl);
  const done = await browser.request('/inloggen', { form: { _csrf: await csrfOf(browser, '/inloggen'), email, password } });
  assert.equal(done.status, 303, 'signed in');
  return browser;
}
