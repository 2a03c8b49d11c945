/**
 * One OIDC launch over real HTTP, as a signed-in pupil's browser and a publisher's backend do it
 * (shared by bench:sso and bench:rush): authorize with PKCE → (when Leerpoort must ask: its
 * interaction page → resume) → code at the redirect_uri → token (client_secret_basic) →
 * userinfo. Throws on any unexpected answer; returns how many HTTP requests it took.
 */
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { cookieHeader, keepSetCookies } from './cookie-jar.js';

export interface LaunchTarget {
  origin: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

const b64url = (buffer: Buffer) => buffer.toString('base64url');
const REQUEST_TIMEOUT_MS = 30_000;

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}
export type Sent = { status: number; location: string | null; body: string };
/** One HTTP request; with `cookies` it is the browser's (its jar sent and kept), without the publisher backend's. */
export type Send = (url: URL, options: SendOptions, cookies?: Map<string, string>) => Promise<Sent>;

/** A request through node:http's client and keep-alive `agent` (bench:rush, which needs its timeouts and reconnects). */
export function send(agent: http.Agent, url: URL, options: SendOptions, cookies?: Map<string, string>) {
  return new Promise<Sent>((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (cookies) headers.cookie = cookieHeader(cookies);
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = http.request(url, { method: options.method ?? 'GET', agent, headers }, (res) => {
      if (cookies) keepSetCookies(res.headers['set-cookie'] ?? [], cookies);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // A stalled answer fails the run instead of hanging it.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${url.pathname} gave no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.end(options.body);
  });
}

/** One SSO launch for one pupil's browser and the publisher's backend; throws on any unexpected answer; resolves to its number of HTTP requests. */
export async function launch(send: Send, input: LaunchTarget, cookies: Map<string, string>): Promise<number> {
  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(12));
  const auth = new URL('/oidc/auth', input.origin);
  const params = { client_id: input.clientId, redirect_uri: input.redirectUri, response_type: 'code', scope: 'openid profile school', state, code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256' };
  for (const [k, v] of Object.entries(params)) auth.searchParams.set(k, v);
  let url = auth;
  let code: string | null = null;
  let hop = 0;
  for (; hop < 4 && code === null; hop++) {
    const answer = await send(url, {}, cookies);
    if (answer.status !== 303 && answer.status !== 302) throw new Error(`${url.pathname} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    const next = new URL(answer.location!, url);
    if (next.href.startsWith(input.redirectUri)) code = next.searchParams.get('code');
    else url = next;
  }
  if (!code) throw new Error('no code reached the redirect_uri');
  const basic = Buffer.from(`${encodeURIComponent(input.clientId)}:${encodeURIComponent(input.clientSecret)}`).toString('base64');
  const token = await send(new URL('/oidc/token', input.origin), {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: input.redirectUri, code_verifier: verifier }).toString(),
  });
  const accessToken = token.status === 200 ? (JSON.parse(token.body) as { access_token?: string }).access_token : undefined;
  if (!accessToken) throw new Error(`token endpoint answered ${token.status}: ${token.body.slice(0, 300)}`);
  const info = await send(new URL('/oidc/me', input.origin), { headers: { authorization: `Bearer ${accessToken}` } });
  if (info.status !== 200 || !(JSON.parse(info.body) as { sub?: string }).sub) throw new Error(`userinfo answered ${info.status}: ${info.body.slice(0, 300)}`);
  return hop + 2;
}
