/**
 * oidc-provider's storage in Redis, used when REDIS_URL is set (as Leerpoort's sessions are):
 * every launch writes and reads a dozen short-lived payloads (interaction, code, tokens), and
 * Redis answers those faster than a database round trip, with its own expiry instead of a purge.
 * One hash per payload (`payload`, `consumed`), an index key per uid / user code, and one set
 * per grant listing what is revoked with it. Clients stay in the database (clients.ts).
 * Losing Redis logs everyone out of the publishers, as it does for Leerpoort's own sessions.
 */
import { Redis } from 'ioredis';
import { GRANTABLE, type ClientMetadataLookup } from './adapter.js';
import { accountKeyOf } from './account-index.js';

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string };

const PREFIX = 'leerpoort:oidc:';
/** Grants live at most a school day; their index sets a little longer than anything in them. */
const GRANT_SET_TTL_S = 24 * 60 * 60;

export function createRedisAdapterClass(url: string, clientMetadata: ClientMetadataLookup) {
  // Auto-pipelining (as sessions and counters do): the commands of concurrent launches issued in
  // one event-loop turn leave in one write, not one system call each.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true });
  // While Redis is away each command fails on its own (a 503 to the caller, see provider.ts);
  // the connection's own reconnect errors need no report besides that.
  redis.on('error', () => undefined);
  const key = (kind: string, id: string) => `${PREFIX}${kind}:${id}`;

  class RedisOidcAdapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const k = key(this.kind, id);
      const batch = redis.multi();
      batch.del(k);
      batch.hset(k, 'payload', JSON.stringify(payload));
      if (expiresIn) batch.expire(k, expiresIn);
      const grantId = GRANTABLE.has(this.kind) ? (payload.grantId ?? (this.kind === 'Grant' ? id : undefined)) : undefined;
      if (grantId) {
        batch.sadd(`${PREFIX}grant:${grantId}`, k);
        batch.expire(`${PREFIX}grant:${grantId}`, GRANT_SET_TTL_S);
      }
      const accountKey = accountKeyOf(this.kind, payload);
      if (accountKey) {
        batch.sadd(`${PREFIX}account:${this.kind}:${accountKey}`, id);
        batch.expire(`${PREFIX}account:${this.kind}:${accountKey}`, GRANT_SET_TTL_S);
      }
      const index = (indexKey: string) => (expiresIn ? batch.set(indexKey, id, 'EX', expiresIn) : batch.set(indexKey, id));
      if (payload.uid) index(`${PREFIX}uid:${this.kind}:${payload.uid}`);
      if (payload.userCode) index(`${PREFIX}usercode:${this.kind}:${payload.userCode}`);
      await batch.exec();
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.kind === 'Client') return clientMetadata(id);
      const fields = await redis.hgetall(key(this.kind, id));
      if (!fields.payload) return undefined;
      const payload = JSON.parse(fields.payload) as Payload;
      return fields.consumed ? { ...payload, consumed: Number(fields.consumed) } : payload;
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      const id = await redis.get(`${PREFIX}uid:${this.kind}:${uid}`);
      return id ? this.find(id) : undefined;
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      const id = await redis.get(`${PREFIX}usercode:${this.kind}:${userCode}`);
      return id ? this.find(id) : undefined;
    }

    async consume(id: string): Promise<void> {
      await redis.hset(key(this.kind, id), 'consumed', Math.floor(Date.now() / 1000));
    }

    async destroy(id: string): Promise<void> {
      await redis.del(key(this.kind, id));
    }

    /** Ids of this model's payloads of one person (account-index.ts); some may have expired since. */
    async idsOfAccount(accountKey: string): Promise<string[]> {
      return redis.smembers(`${PREFIX}account:${this.kind}:${accountKey}`);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const setKey = `${PREFIX}grant:${grantId}`;
      const keys = await redis.smembers(setKey);
      await redis.del(...keys, setKey);
    }
  }

  return { Adapter: RedisOidcAdapter, close: () => redis.quit().then(() => undefined, () => undefined) };
}
