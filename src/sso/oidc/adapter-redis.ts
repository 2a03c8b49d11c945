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

/**
 * One payload write in one atomic command (instead of MULTI, seven to ten commands and EXEC;
 * oidc-provider writes five payloads per launch). KEYS: the payload hash, then — each '' when it
 * does not apply — the grant's set, the person's set, the uid index and the user-code index.
 * ARGV: the payload JSON, its lifetime in seconds (0: none), its id, the sets' lifetime.
 */
const UPSERT_SCRIPT = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'payload', ARGV[1])
local ttl = tonumber(ARGV[2])
if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end
if KEYS[2] ~= '' then
  redis.call('SADD', KEYS[2], KEYS[1])
  redis.call('EXPIRE', KEYS[2], ARGV[4])
end
if KEYS[3] ~= '' then
  redis.call('SADD', KEYS[3], ARGV[3])
  redis.call('EXPIRE', KEYS[3], ARGV[4])
end
for i = 4, 5 do
  if KEYS[i] ~= '' then
    if ttl > 0 then redis.call('SET', KEYS[i], ARGV[3], 'EX', ttl) else redis.call('SET', KEYS[i], ARGV[3]) end
  end
end
return 1`;

type OidcRedis = Redis & { oidcUpsert(keyCount: number, ...keysAndArgs: Array<string | number>): Promise<number> };

export function createRedisAdapterClass(url: string, clientMetadata: ClientMetadataLookup) {
  // Auto-pipelining (as sessions and counters do): the commands of concurrent launches issued in
  // one event-loop turn leave in one write, not one system call each.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true }) as OidcRedis;
  redis.defineCommand('oidcUpsert', { lua: UPSERT_SCRIPT });
  // While Redis is away each command fails on its own (a 503 to the caller, see provider.ts);
  // the connection's own reconnect errors need no report besides that.
  redis.on('error', () => undefined);
  const key = (kind: string, id: string) => `${PREFIX}${kind}:${id}`;

  class RedisOidcAdapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const k = key(this.kind, id);
      const grantId = GRANTABLE.has(this.kind) ? (payload.grantId ?? (this.kind === 'Grant' ? id : undefined)) : undefined;
      const accountKey = accountKeyOf(this.kind, payload);
      await redis.oidcUpsert(
        5,
        k,
        grantId ? `${PREFIX}grant:${grantId}` : '',
        accountKey ? `${PREFIX}account:${this.kind}:${accountKey}` : '',
        payload.uid ? `${PREFIX}uid:${this.kind}:${payload.uid}` : '',
        payload.userCode ? `${PREFIX}usercode:${this.kind}:${payload.userCode}` : '',
        JSON.stringify(payload),
        expiresIn ?? 0,
        id,
        GRANT_SET_TTL_S,
      );
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
