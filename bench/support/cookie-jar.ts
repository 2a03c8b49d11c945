/**
 * A load process's cookie jar, as a browser keeps one: each Set-Cookie line sets its cookie, and
 * an emptied or expired one (Max-Age=0, or the epoch as Expires) removes it. Shared by the login
 * and SSO loads.
 */
export function keepSetCookies(lines: Iterable<string>, cookies: Map<string, string>): void {
  for (const line of lines) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    const value = pair.slice(at + 1);
    if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(pair.slice(0, at));
    else cookies.set(pair.slice(0, at), value);
  }
}

/** The Cookie header a browser sends with its jar. */
export function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}
