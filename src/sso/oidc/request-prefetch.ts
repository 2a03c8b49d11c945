/**
 * Payloads read ahead for the oidc-provider request that is running, so that the lookups it
 * is about to make cost no round trip of their own. When the token endpoint or userinfo finds a
 * code or token in Redis, the same script call also reads the grant it was issued under and the
 * session it is bound to (adapter-redis.ts); oidc-provider asks for exactly those two next.
 *
 * What is kept belongs to one request (oidc-provider's own context, `Provider.ctx`, which it
 * keeps in an AsyncLocalStorage) and is handed out once: a second lookup of the same payload in
 * that request, and every lookup of another request, reads Redis. Any payload written or removed
 * in the request drops all that was read ahead for it. So an answer is never older than the
 * request's own read of the code or token, a moment before the lookup would have read it.
 */
import Provider from 'oidc-provider';

type Payload = Record<string, unknown>;

const kept = new WeakMap<object, Map<string, Payload | undefined>>();

/** The running request's context; outside oidc-provider's routes (Leerpoort's own pages) there is none. */
const currentRequest = (): object | undefined => Provider.ctx;

/** Keeps `payload` (undefined: known not to exist) for the running request's next lookup of `key`. */
export function keepForRequest(key: string, payload: Payload | undefined): void {
  const request = currentRequest();
  if (!request) return;
  let entries = kept.get(request);
  if (!entries) kept.set(request, (entries = new Map()));
  entries.set(key, payload);
}

/** What was read ahead for `key` in this request, handed out once; `found: false` when nothing was. */
export function takeFromRequest(key: string): { found: true; payload: Payload | undefined } | { found: false } {
  const request = currentRequest();
  const entries = request ? kept.get(request) : undefined;
  if (!entries?.has(key)) return { found: false };
  const payload = entries.get(key);
  entries.delete(key);
  return { found: true, payload };
}

/** This request writes: what it read ahead may be out of date (rare enough not to track per payload). */
export function forgetRequest(): void {
  const request = currentRequest();
  if (request) kept.delete(request);
}
