/**
 * Whether an error means that PostgreSQL or Redis cannot be reached right now — stopped,
 * restarting, recovering, or the connection was cut — rather than a fault in the request or in
 * our code. Such a request gets a 503 with `service.unavailable` ("try again in a moment")
 * instead of a 500, and it is not logged as a bug: the pools reconnect by themselves once the
 * service is back (docs/performance.md, "Faults"). Recognised by the drivers' own codes and
 * messages, since neither pg nor ioredis gives outage errors a common class.
 */

/** Seconds to wait before trying again after an outage answer (Retry-After): a restart takes a few. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Socket-level failures on the way to the database or Redis. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (shut down by the
 * administrator, after a crash of another backend, cannot connect now: starting or recovering),
 * 53300 (too many connections).
 */
const POSTGRES_STATES = /^(08...|57P0[1-3]|53300)$/;

/** Driver messages without a code: pg's cut connection and its pool, ioredis while Redis is away. */
const MESSAGES = [
  /^Connection terminated/, // pg: the server closed the connection
  /^Client has encountered a connection error/, // pg: a client that lost its connection is reused
  /^timeout exceeded when trying to connect/, // pg pool
  /^Connection is closed\.?$/, // ioredis
  /^Reached the max retries per request limit/, // ioredis: gave up while reconnecting
  /^Stream isn't writeable/, // ioredis without an offline queue
];

export function isServiceOutage(error: unknown): boolean {
  let current = error as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; current && depth < 4; depth++, current = current.cause as typeof current) {
    const code = typeof current.code === 'string' ? current.code : '';
    if (NETWORK_CODES.has(code) || POSTGRES_STATES.test(code)) return true;
    if (current.name === 'MaxRetriesPerRequestError') return true;
    const message = typeof current.message === 'string' ? current.message : '';
    if (MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}
