/** Pupil login: credentials, the login flow, throttling and the school network policy. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { PupilLoginConfig } from '../../config/index.js';
import { createPupilSecrets } from './secrets.js';
import { createPupilLogin } from './login.js';
import { createPupilCredentialAdmin } from './manage.js';
import * as store from './store.js';
import { databaseCounters, redisCounters } from './counters.js';
import type { SecretBox } from '../../lib/secret-box.js';

/**
 * `redisUrl`: attempt counters in Redis (shared by several app servers); otherwise in the
 * database. `secretBox`: seals card tokens for reprinting under SECRET_KEY.
 */
export function createPupilAccessService(deps: { db: Kysely<Database>; clock: Clock; config: PupilLoginConfig; redisUrl?: string | null; secretBox: SecretBox }) {
  const secrets = createPupilSecrets(deps.config.secretKey);
  const { db } = deps;
  const counters = deps.redisUrl ? redisCounters(deps.redisUrl) : databaseCounters(db);
  return {
    login: createPupilLogin({ db, clock: deps.clock, secrets, limits: deps.config, counters }),
    counterStore: deps.redisUrl ? ('redis' as const) : ('database' as const),
    /** Closes the Redis connection, if any. */
    close: () => counters.close(),
    admin: createPupilCredentialAdmin({ db, clock: deps.clock, secrets, box: deps.secretBox }),
    groups: (scope: { schoolId: number }) => store.activeGroups(db, scope),
    group: (scope: { schoolId: number }, groupId: number) => store.groupInSchool(db, scope, groupId),
    pupilsOfGroup: (scope: { schoolId: number }, groupId: number) => store.pupilsOfGroup(db, scope, groupId),
    pupil: (scope: { schoolId: number }, pupilId: number) => store.activePupil(db, scope, pupilId),
    credential: (scope: { schoolId: number }, pupilId: number) => store.credentialOf(db, scope, pupilId),
    searchSchools: (query: string) => store.searchSchools(db, query),
    /** The code page's school (active, with its ranges) and pupil (active, with her credential), in one statement. */
    codePage: (instellingRef: string, pupilId: number | null) => store.codePageRows(db, instellingRef, pupilId),
    taughtGroupIds: (scope: { schoolId: number }, accountId: number) => store.taughtGroupIds(db, scope, accountId),
  };
}

export type PupilAccessService = ReturnType<typeof createPupilAccessService>;
export type { PupilListing } from './store.js';
export { cardSealedColumn, type ReprintedCards, type IssuedCard } from './manage.js';
export { displayName } from './store.js';
export type { LoginOutcome, PupilActorInput, KnownForAttempt, NetworkStatus } from './login.js';
export { statusFromRanges } from './login.js';
export { PICTURES, GRID_PICTURES, CODE_LENGTH, pictureById, type Picture } from './pictures.js';
export { parseRange, parseRangeList, addressInRanges, normaliseAddress } from './network.js';
