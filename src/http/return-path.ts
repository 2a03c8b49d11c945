/**
 * Where a person goes after signing in, when something sent them to a login page first: a
 * publisher's SSO request (`/oidc/…`, `/saml/…`), a tile launch (`/starten/…`) or a shortcut link
 * (`/snelkoppelaar?…`). The login page receives it as `?terug=` and keeps it in a short-lived
 * signed cookie while the person works through the login steps; the first page after login
 * (`/leerling`, `/account`) takes it once. Only local paths of those four kinds qualify — no
 * scheme, no host, no `//` or backslash tricks — so it can never become an open redirect.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

const RETURN_COOKIE = 'leerpoort_terug';
/** Long enough for a young pupil to find her name and picture code; short enough not to linger. */
const RETURN_SECONDS = 15 * 60;
const ALLOWED = /^\/(?:(?:saml|starten|oidc)\/[A-Za-z0-9\-._~/%?=&]*|snelkoppelaar\?[A-Za-z0-9%._~&=+-]*)$/;

export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2500) return null;
  if (!ALLOWED.test(value) || value.includes('//') || value.includes('\\')) return null;
  // An encoded slash in the path could decode into `//host` further on; in the query (a
  // shortcut's TARGET) it is just part of a value.
  const path = value.split('?', 1)[0];
  return /%2f|%5c/i.test(path) ? null : value;
}

/** Where to sign in first: the school's pupil login page when the school is known, else the staff form. */
export function loginPathFor(returnTo: string, school: { instellingRef: string } | null | undefined): string {
  const back = encodeURIComponent(returnTo);
  return school ? `/school/${encodeURIComponent(school.instellingRef)}?terug=${back}` : `/inloggen?terug=${back}`;
}

/** On a login page: remember a valid `?terug=` for after the login. */
export function rememberReturnPath(request: FastifyRequest, reply: FastifyReply, secure: boolean): void {
  const back = safeReturnPath((request.query as { terug?: unknown } | undefined)?.terug);
  if (!back) return;
  // base64url: no characters a cookie header would have to escape.
  reply.setCookie(RETURN_COOKIE, Buffer.from(back, 'utf8').toString('base64url'), { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: RETURN_SECONDS });
}

/** On the first page after login: the remembered path (once), or null. */
export function takeReturnPath(request: FastifyRequest, reply: FastifyReply): string | null {
  const raw = request.cookies[RETURN_COOKIE];
  if (!raw) return null;
  reply.clearCookie(RETURN_COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value || !/^[A-Za-z0-9_-]{1,3400}$/.test(unsigned.value)) return null;
  return safeReturnPath(Buffer.from(unsigned.value, 'base64url').toString('utf8'));
}
