/**
 * Sessions in Redis (when REDIS_URL is set), behind the same backend interface as the
 * database: one key per session with Redis's own expiry, and one set per person listing their
 * session keys for "log out everywhere". Several app servers then share sessions without
 * writing to the database on every sign-in.
 */
import { Redis } from 'ioredis';
import type { SessionBackend, SessionRow } from './session-store.js';

const PREFIX = 'leerpoort:';

export function redisSessionBackend(url: string, options: { longestTtlMinutes: number }): SessionBackend {
  // lazyConnect: commands that never touch sessions (most CLI commands) open no connection.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const sessionKey = (idHash: string) => `${PREFIX}session:${idHash}`;
  const ownerKey = (who: { actorKind: string; actorId: number | null; actorLabel: string }) =>
    `${PREFIX}sessions-of:${who.actorKind}:${who.actorId ?? `name:${who.actorLabel}`}`;

  async function read(idHash: string): Promise<SessionRow | undefined> {
    const raw = await redis.get(sessionKey(idHash));
    return raw ? (JSON.parse(raw) as SessionRow) : undefined;
  }

  return {
    async insert(row, replacingHash, now) {
      const { idHash, createdAt: _createdAt, ...session } = row;
      const ttlMs = Math.max(1, Date.parse(row.expiresAt) - Date.parse(now));
      const owner = ownerKey(row);
      const batch = redis.multi();
      if (replacingHash) batch.del(sessionKey(replacingHash));
      batch.set(sessionKey(idHash), JSON.stringify(session), 'PX', ttlMs);
      batch.sadd(owner, idHash);
      batch.pexpire(owner, options.longestTtlMinutes * 60_000);
      await batch.exec();
    },
    async live(idHash, now) {
      const row = await read(idHash);
      // The application clock decides, as on the database; Redis's expiry only cleans up.
      return row && row.expiresAt > now ? row : undefined;
    },
    async touch(idHash, now) {
      const row = await read(idHash);
      if (row) await redis.set(sessionKey(idHash), JSON.stringify({ ...row, lastSeenAt: now }), 'KEEPTTL', 'XX');
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
