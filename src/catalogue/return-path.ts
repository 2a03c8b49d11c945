/**
 * Where a shortcut link waits while the person logs in. The snelkoppelaar keeps its own local
 * path in a short-lived signed cookie; the pupil portal (/leerling, where every pupil login ends)
 * sends the pupil back there once. Only a path of the snelkoppelaar itself is accepted, so the
 * cookie can never send anyone to another site.
 */
export const SHORTCUT_RETURN_COOKIE = 'leerpoort_snelkoppeling';
export const SHORTCUT_RETURN_SECONDS = 15 * 60;

export function isShortcutReturnPath(path: string): boolean {
  return path.length <= 2500 && /^\/snelkoppelaar\?[A-Za-z0-9%._~&=+-]*$/.test(path);
}

/** The cookie holds the path base64url-encoded: no characters a cookie header would have to escape. */
export const encodeReturnPath = (path: string) => Buffer.from(path, 'utf8').toString('base64url');

/** The path from the cookie's (already unsigned) value, or null when it is not a snelkoppelaar path. */
export function decodeReturnPath(value: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,3400}$/.test(value)) return null;
  const path = Buffer.from(value, 'base64url').toString('utf8');
  return isShortcutReturnPath(path) ? path : null;
}
