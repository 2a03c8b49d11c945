/**
 * The path a login page sends the person back to after signing in (`?terug=`). Only local
 * paths of single sign-on qualify (`/saml/…`, `/starten/…`, `/oidc/…`): no scheme, no host,
 * no `//` or backslash tricks, so it can never become an open redirect.
 */
const ALLOWED = /^\/(saml|starten|oidc)\/[A-Za-z0-9\-._~/%?=&]*$/;

export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 1000) return null;
  if (!ALLOWED.test(value) || value.includes('//') || value.includes('\\') || /%2f|%5c/i.test(value)) return null;
  return value;
}

/** Where to sign in first: the school's pupil login page when the school is known, else the staff form. */
export function loginPath(returnTo: string, school: { instellingRef: string } | null | undefined): string {
  const back = encodeURIComponent(returnTo);
  return school ? `/school/${encodeURIComponent(school.instellingRef)}?terug=${back}` : `/inloggen?terug=${back}`;
}
