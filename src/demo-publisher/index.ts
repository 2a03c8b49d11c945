/**
 * A small demo publisher app: one or more publishers' methods that log in through Leerpoort with
 * OpenID Connect (code + PKCE) and show the claims they received. `npm start` serves it next to
 * Leerpoort; the browser test starts it too. Plain node:http: this is the publisher's side, not
 * part of Leerpoort's web app. Routes per client: `<prefix>/start`, `<prefix>/callback`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRelyingParty, newCookieValue, type DemoClient } from './relying-party.js';
import { claimsPage, errorPage, homePage } from './pages.js';

export type { DemoClient, ReceivedLogin } from './relying-party.js';

export interface DemoPublisherServer {
  url: string;
  close(): Promise<void>;
}

const STATE_COOKIE = 'demo_uitgever_state';

function send(response: http.ServerResponse, status: number, html: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", ...headers });
  response.end(html);
}

function cookie(request: http.IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/**
 * Starts the app on `port` (0: any free port) of `host`. `baseUrl` is where browsers reach it
 * (its redirect URIs); `issuer` is Leerpoort's `PUBLIC_URL/oidc`.
 */
export async function startDemoPublisher(options: { issuer: string; clients: DemoClient[]; port: number; host?: string; baseUrl?: (port: number) => string }): Promise<DemoPublisherServer> {
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = options.baseUrl?.(port) ?? `http://${host}:${port}`;
  const parties = options.clients.map((client) => ({ client, rp: createRelyingParty({ issuer: options.issuer, baseUrl: url, client }) }));

  server.on('request', (request, response) => {
    void (async () => {
      const current = new URL(request.url ?? '/', url);
      if (request.method !== 'GET') return send(response, 405, errorPage('Deze pagina kan alleen worden opgevraagd.'));
      if (current.pathname === '/') return send(response, 200, homePage(options.clients));
      const party = parties.find((p) => current.pathname === `${p.client.prefix}/start` || current.pathname === `${p.client.prefix}/callback`);
      if (!party) return send(response, 404, errorPage('Deze pagina bestaat niet.'));
      try {
        if (current.pathname.endsWith('/start')) {
          const ref = current.searchParams.get('instelling_ref') ?? undefined;
          const { url: authorize, state } = await party.rp.begin({ instellingRef: ref && /^[A-Za-z0-9_-]{1,64}$/.test(ref) ? ref : undefined });
          response.writeHead(303, { location: authorize, 'set-cookie': `${STATE_COOKIE}=${state}; Path=${party.client.prefix}; HttpOnly; SameSite=Lax; Max-Age=600`, 'cache-control': 'no-store' });
          return response.end();
        }
        const state = cookie(request, STATE_COOKIE) ?? newCookieValue();
        const login = await party.rp.finish(current, state);
        return send(response, 200, claimsPage(party.client, login), { 'set-cookie': `${STATE_COOKIE}=; Path=${party.client.prefix}; Max-Age=0` });
      } catch (error) {
        const detail = current.searchParams.get('error_description') ?? (error as Error).message;
        return send(response, 400, errorPage(detail));
      }
    })();
  });

  return {
    url,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
export { seedDemoCatalogue, DEMO_PUBLISHERS, DEMO_PUBLISHER_PORT, DEMO_PUBLISHER_URL, type DemoCatalogueSeed } from './seed.js';
