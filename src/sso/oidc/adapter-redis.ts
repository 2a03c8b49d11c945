/**
 * oidc-provider's storage in Redis, used when REDIS_URL is set (as Leerpoort's sessions are):
 * every launch writes and reads a dozen short-lived payloads (interaction, code, tokens), and
 * Redis answers those faster than a database round trip, with its own expiry instead of a purge.
 * One hash per payload (`payload`, `consumed`; a code or token also names its grant and bound
 * session, so finding it can read those along), an index key per uid / user code, and one set
 * per grant listing what is revoked with it. Clients stay in the database (clients.ts).
 * Losing Redis logs everyone out of the publishers, as it does for Leerpoort's own sessions.
 */
import { Redis } from 'ioredis';
import { GRANTABLE, type ClientMetadataLookup } from './adapter.js';
import { accountKeyOf } from './account-index.js';
import { forgetRequest, keepForRequest, takeFromRequest } from './request-prefetch.js';

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; sessionUid?: string; expiresWithSession?: boolean };

const PREFIX = 'leerpoort:oidc:';
/** Grants live at most a school day; their index sets a little longer than anything in them. */
const GRANT_SET_TTL_S = 24 * 60 * 60;

/**
 * One payload write in one atomic command (instead of MULTI, seven to ten commands and EXEC;
 * oidc-provider writes five payloads per launch). KEYS: the payload hash, then — each '' when it
 * does not apply — the grant's set, the person's set, the uid index and the user-code index.
 * ARGV: the payload JSON, its lifetime in seconds (0: none), its id, the sets' lifetime, and —
 * '' when none — the token's grant id and bound session uid (read by FIND_TOKEN_SCRIPT).
 */
const UPSERT_SCRIPT = `
redis.call('DEL', KEYS[1])
local fields = {'payload', ARGV[1]}
if ARGV[5] ~= '' then table.insert(fields, 'grantId'); table.insert(fields, ARGV[5]) end
if ARGV[6] ~= '' then table.insert(fields, 'sessionUid'); table.insert(fields, ARGV[6]) end
redis.call('HSET', KEYS[1], unpack(fields))
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

/**
 * A lookup through an index key (uid, user code) in one round trip instead of two: KEYS[1] the
 * index key, ARGV[1] the payload keys' prefix. The payload key is read from the index, so it is
 * not declared in KEYS: fine on the one Redis server Leerpoort uses (docs/scaling.md), not on a
 * Redis Cluster. oidc-provider looks a session up by uid at every token and userinfo request.
 */
const FIND_BY_INDEX_SCRIPT = `
local id = redis.call('GET', KEYS[1])
if not id then return false end
return redis.call('HMGET', ARGV[1] .. id, 'payload', 'consumed')`;

/**
 * A code or token, and with it — in the same round trip — the grant it was issued under and the
 * session it is bound to, which oidc-provider looks up right after it (request-prefetch.ts).
 * KEYS[1] the token's hash, ARGV[1] the payload keys' prefix. The grant and session keys come
 * from the token's fields, not KEYS: one Redis server only, as FIND_BY_INDEX_SCRIPT. Answers
 * false when there is no token; else its two fields, then the grant's and the session's (each
 * false when the token names none, both fields false when it names one that is gone).
 */
const FIND_TOKEN_SCRIPT = `
local f = redis.call('HMGET', KEYS[1], 'payload', 'consumed', 'grantId', 'sessionUid')
if not f[1] then return false end
local grant = false
if f[3] then grant = redis.call('HMGET', ARGV[1] .. 'Grant:' .. f[3], 'payload', 'consumed') end
local session = false
if f[4] then
  local id = redis.call('GET', ARGV[1] .. 'uid:Session:' .. f[4])
  if id then session = redis.call('HMGET', ARGV[1] .. 'Session:' .. id, 'payload', 'consumed') else session = {false, false} end
end
return {f[1], f[2], grant, session}`;

/** The models FIND_TOKEN_SCRIPT reads: their lookups are followed by the grant's and (when bound) the session's. */
const TOKENS = new Set(['AuthorizationCode', 'AccessToken', 'RefreshToken']);

type Fields = [payload: string | null, consumed: string | null];
type OidcRedis = Redis & {
  oidcUpsert(keyCount: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  oidcFindByIndex(indexKey: string, payloadPrefix: string): Promise<Fields | null>;
  oidcFindToken(tokenKey: string, payloadPrefix: string): Promise<[...Fields, grant: Fields | null, session: Fields | null] | null>;
};

/** A stored payload from its hash fields; undefined when there is none. */
function fromFields([payload, consumed]: Fields): Payload | undefined {
  if (!payload) return undefined;
  const parsed = JSON.parse(payload) as Payload;
  return consumed ? { ...parsed, consumed: Number(consumed) } : parsed;
}

export function createRedisAdapterClass(url: string, clientMetadata: ClientMetadataLookup) {
  // Auto-pipelining (as sessions and counters do): the commands of concurrent launches issued in
  // one event-loop turn leave in one write, not one system call each.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true }) as OidcRedis;
  redis.defineCommand('oidcUpsert', { lua: UPSERT_SCRIPT });
  redis.defineCommand('oidcFindByIndex', { numberOfKeys: 1, lua: FIND_BY_INDEX_SCRIPT });
  redis.defineCommand('oidcFindToken', { numberOfKeys: 1, lua: FIND_TOKEN_SCRIPT });
  // While Redis is away each command fails on its own (a 503 to the caller, see provider.ts);
  // the connection's own reconnect errors need no report besides that.
  redis.on('error', () => undefined);
  const key = (kind: string, id: string) => `${PREFIX}${kind}:${id}`;
  const indexKey = (index: 'uid' | 'usercode', kind: string, value: string) => `${PREFIX}${index}:${kind}:${value}`;

  /** A code or token; the grant and session read with it are kept for this request's next lookups. */
  async function findToken(kind: string, id: string): Promise<Payload | undefined> {
    const found = await redis.oidcFindToken(key(kind, id), PREFIX);
    if (!found) return undefined;
    const [payload, consumed, grant, session] = found;
    const token = fromFields([payload, consumed]);
    if (grant && typeof token?.grantId === 'string') keepForRequest(key('Grant', token.grantId), fromFields(grant));
    if (session && typeof token?.sessionUid === 'string') keepForRequest(indexKey('uid', 'Session', token.sessionUid), fromFields(session));
    return token;
  }

  class RedisOidcAdapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      forgetRequest();
      const k = key(this.kind, id);
      const token = TOKENS.has(this.kind);
      const grantId = GRANTABLE.has(this.kind) ? (payload.grantId ?? (this.kind === 'Grant' ? id : undefined)) : undefined;
      const accountKey = accountKeyOf(this.kind, payload);
      await redis.oidcUpsert(
        5,
        k,
        grantId ? `${PREFIX}grant:${grantId}` : '',
        accountKey ? `${PREFIX}account:${this.kind}:${accountKey}` : '',
        payload.uid ? indexKey('uid', this.kind, payload.uid) : '',
        payload.userCode ? indexKey('usercode', this.kind, payload.userCode) : '',
        JSON.stringify(payload),
        expiresIn ?? 0,
        id,
        GRANT_SET_TTL_S,
        token && typeof payload.grantId === 'string' ? payload.grantId : '',
        // oidc-provider looks the session up only for tokens that end with it.
        token && payload.expiresWithSession === true && typeof payload.sessionUid === 'string' ? payload.sessionUid : '',
      );
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.kind === 'Client') return clientMetadata(id);
      if (TOKENS.has(this.kind)) return findToken(this.kind, id);
      const ahead = takeFromRequest(key(this.kind, id));
      if (ahead.found) return ahead.payload;
      return fromFields((await redis.hmget(key(this.kind, id), 'payload', 'consumed')) as Fields);
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      return this.findByIndex('uid', uid);
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      return this.findByIndex('usercode', userCode);
    }

    /** The payload an index key (written by `upsert`) points at, in one script call. */
    private async findByIndex(index: 'uid' | 'usercode', value: string): Promise<Payload | undefined> {
      const ahead = takeFromRequest(indexKey(index, this.kind, value));
      if (ahead.found) return ahead.payload;
      const fields = await redis.oidcFindByIndex(indexKey(index, this.kind, value), key(this.kind, ''));
      return fields ? fromFields(fields) : undefined;
    }

    async consume(id: string): Promise<void> {
      forgetRequest();
      await redis.hset(key(this.kind, id), 'consumed', Math.floor(Date.now() / 1000));
    }

    async destroy(id: string): Promise<void> {
      forgetRequest();
      await redis.del(key(this.kind, id));
    }

    /** Ids of this model's payloads of one person (account-index.ts); some may have expired since. */
    async idsOfAccount(accountKey: string): Promise<string[]> {
      return redis.smembers(`${PREFIX}account:${this.kind}:${accountKey}`);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      forgetRequest();
      const setKey = `${PREFIX}grant:${grantId}`;
      const keys = await redis.smembers(setKey);
      await redis.del(...keys, setKey);
    }
  }

  // The connection itself too: the release cache (release-cache.ts) shares it.
  return { Adapter: RedisOidcAdapter, redis, close: () => redis.quit().then(() => undefined, () => undefined) };
}
