/**
 * Sessions in Redis (when REDIS_URL is set), behind the same backend interface as the
 * database: one key per session with Redis's own expiry, and one set per person listing their
 * session keys for "log out everywhere". Several app servers then share sessions without
 * writing to the database on every sign-in.
 */
import { Redis } from 'ioredis';
import type { SessionBackend, SessionRow } from './session-store.js';

const PREFIX = 'leerpoort:';

/**
 * A sign-in in one atomic command: ends the replaced session (KEYS[3], when given), stores the
 * new one (KEYS[1], ARGV[1] for ARGV[2] ms) and lists it for its person (KEYS[2], ARGV[3],
 * kept for ARGV[4] ms). One script call instead of MULTI, four commands and EXEC.
 */
const START_SCRIPT = `
if KEYS[3] then redis.call('DEL', KEYS[3]) end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1`;

type SessionRedis = Redis & { startSession(keyCount: number, ...keysAndArgs: Array<string | number>): Promise<number> };

export function redisSessionBackend(url: string, options: { longestTtlMinutes: number }): SessionBackend {
  // lazyConnect: commands that never touch sessions (most CLI commands) open no connection.
  // Auto-pipelining: lookups of concurrent requests issued in the same tick share one write.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true }) as SessionRedis;
  // While Redis is away each command fails on its own (a 503, lib/outage.ts); the connection's
  // reconnect errors would otherwise be printed as unhandled, once per retry.
  redis.on('error', () => undefined);
  redis.defineCommand('startSession', { lua: START_SCRIPT });
  const sessionKey = (idHash: string) => `${PREFIX}session:${idHash}`;
  const ownerKey = (who: { actorKind: string; actorId: number | null; actorLabel?: string }) =>
    `${PREFIX}sessions-of:${who.actorKind}:${who.actorId ?? `name:${who.actorLabel}`}`;

  async function read(idHash: string): Promise<SessionRow | undefined> {
    const raw = await redis.get(sessionKey(idHash));
    return raw ? (JSON.parse(raw) as SessionRow) : undefined;
  }

  return {
    async insert(row, replacingHash, now) {
      const { idHash, createdAt: _createdAt, ...session } = row;
      const ttlMs = Math.max(1, Date.parse(row.expiresAt) - Date.parse(now));
      const keys = [sessionKey(idHash), ownerKey(row), ...(replacingHash ? [sessionKey(replacingHash)] : [])];
      await redis.startSession(keys.length, ...keys, JSON.stringify(session), ttlMs, idHash, options.longestTtlMinutes * 60_000);
    },
    async live(idHash, now) {
      const row = await read(idHash);
      // The application clock decides, as on the database; Redis's expiry only cleans up.
      return row && row.expiresAt > now ? row : undefined;
    },
    async touch(idHash, now, row) {
      // The row was just read by the lookup; XX: a session ended meanwhile is not brought back.
      await redis.set(sessionKey(idHash), JSON.stringify({ ...row, lastSeenAt: now }), 'KEEPTTL', 'XX');
    },
    async remove(idHash) {
      await redis.del(sessionKey(idHash));
    },
    async removeAllOf(who) {
      const owner = ownerKey(who);
      const ids = await redis.smembers(owner);
      const ended = ids.length > 0 ? await redis.del(...ids.map(sessionKey)) : 0;
      await redis.del(owner);
      return ended;
    },
    async close() {
      if (redis.status !== 'wait' && redis.status !== 'end') await redis.quit();
      else redis.disconnect();
    },
  };
}
