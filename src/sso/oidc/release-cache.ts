/**
 * With Redis: a pupil's release decision, kept for the rest of one launch (ADR 0018). The
 * authorization decides in full (person + privacy gate, read from the database) and keeps the
 * decision here; the code exchange and userinfo that follow within RELEASE_TTL_S use it instead
 * of reading the database again (on PostgreSQL + Redis that read was two of a launch's three
 * statements). A refresh and the next launch always decide in full.
 *
 * A kept decision counts only while the gate of its school and publisher is unchanged: each
 * entry carries the gate's generation, read BEFORE the database (so a decision read from a gate
 * that was about to change carries the old generation), and every change to consent or an
 * agreement increments the generation of the schools it touches after its commit (privacy's
 * onGateChange). Entry and generation are read in one MGET. A person cut off (pupil deactivated,
 * logged out everywhere) has her grants revoked, so no token of hers is left to use an entry.
 * What an entry can still get wrong: a pupil's name or group changed by a roster import in those
 * 60 s (the next launch or refresh releases the new values), and, if Redis is out of reach at the
 * moment of a change, its generation cannot move: entries then expire within RELEASE_TTL_S (and
 * without Redis no token or userinfo request succeeds anyway, since the tokens are in Redis).
 */
import type { Redis } from 'ioredis';

/** Longer than a code lives (60 s) would not help: userinfo follows the code exchange within seconds. */
export const RELEASE_TTL_S = 60;
/** A generation outlives every entry that carries it by far; once expired it reads as '', which no entry made before carries. */
const GENERATION_TTL_S = 24 * 60 * 60;
const PREFIX = 'leerpoort:oidc:';

/** `Decision` is release.ts's ReleaseDecision (stored as JSON). */
export interface ReleaseCache<Decision> {
  /** The gate's generation for a school and publisher, to read before the decision it goes with. */
  generation(schoolId: number, publisherId: number): Promise<string>;
  keep(accountId: string, clientId: string, generation: string, decision: Decision): Promise<void>;
  /** The kept decision, or null when there is none or the gate changed since. */
  find(accountId: string, clientId: string, schoolId: number, publisherId: number): Promise<Decision | null>;
  /** After consent or an agreement changed: kept decisions of these schools for this publisher no longer count. */
  gateChanged(schoolIds: number[], publisherId: number): Promise<void>;
}

interface Entry<Decision> {
  generation: string;
  decision: Decision;
}

/** On the connection of oidc-provider's Redis state (adapter-redis.ts), which closes it. */
export function createReleaseCache<Decision>(redis: Redis): ReleaseCache<Decision> {
  const generationKey = (schoolId: number, publisherId: number) => `${PREFIX}gate:${schoolId}:${publisherId}`;
  const entryKey = (accountId: string, clientId: string) => `${PREFIX}release:${clientId}:${accountId}`;

  return {
    async generation(schoolId, publisherId) {
      return (await redis.get(generationKey(schoolId, publisherId))) ?? '';
    },

    async keep(accountId, clientId, generation, decision) {
      const entry: Entry<Decision> = { generation, decision };
      await redis.set(entryKey(accountId, clientId), JSON.stringify(entry), 'EX', RELEASE_TTL_S);
    },

    async find(accountId, clientId, schoolId, publisherId) {
      const [raw, generation] = await redis.mget(entryKey(accountId, clientId), generationKey(schoolId, publisherId));
      if (!raw) return null;
      const entry = JSON.parse(raw) as Entry<Decision>;
      return entry.generation === (generation ?? '') ? entry.decision : null;
    },

    async gateChanged(schoolIds, publisherId) {
      if (schoolIds.length === 0) return;
      const pipeline = redis.multi();
      for (const schoolId of schoolIds) pipeline.incr(generationKey(schoolId, publisherId)).expire(generationKey(schoolId, publisherId), GENERATION_TTL_S);
      await pipeline.exec();
    },
  };
}
