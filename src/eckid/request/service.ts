/**
 * The ECK iD request service: the school setting "Leerpoort vraagt ECK iD's aan", the roster
 * hook that records requests, the job that works them (bounded by ECKID_HPGN_CONCURRENCY),
 * the dispatcher that queues them, and progress per school (docs/eckid-hpgn.md).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/index.js';
import type { Database } from '../../db/index.js';
import type { JobQueue } from '../../db/jobs/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { RosterAppliedHook } from '../../roster/index.js';
import { decodeSalt } from '../hpgn.js';
import { createHpgnPool, type HpgnPool } from '../hpgn-pool.js';
import { createDispatcher } from './dispatcher.js';
import { recordRequestsForImport } from './on-import.js';
import { loadSettings, progressOf, saveSettings } from './store.js';
import { REQUEST_JOB, type EckidNumberService, type EckidRequestProgress, type EckidRequestSettings, type RequestJobPayload } from './types.js';
import { createRequestHandler } from './worker.js';

export interface EckidRequestDeps {
  db: Kysely<Database>;
  clock: Clock;
  secretBox: SecretBox;
  queue: JobQueue;
  /** Base64 salt (config.eckidRequests.hpgnSalt); null refuses requests. */
  hpgnSalt: string | null;
  /** hPGN hashes at once in this process: bounds CPU and memory (~128 MiB each). Twice as many
   * request jobs run, so a job waiting on the Nummervoorziening leaves its hash slot to another. */
  concurrency: number;
  /** null: no Nummervoorziening connected; requests are refused with that reason. */
  numbers: EckidNumberService | null;
  /** How often the dispatcher looks for requests without a job (ms, default 5 s). */
  dispatchIntervalMs?: number;
  /** Retries after an unexpected error before a request ends as failed (default 5). */
  retryLimit?: number;
}

export interface EckidRequestService {
  /** The roster hook (inside the import's transaction); compose it into RosterDeps.onApplied. */
  onRosterApplied: RosterAppliedHook;
  settings(schoolId: number): Promise<EckidRequestSettings>;
  /** Switches the school setting; switching on is refused (with the reason) when requests cannot be made. */
  setRequestsEnabled(scope: { schoolId: number; boardId: number }, enabled: boolean, actor: string): Promise<void>;
  progress(schoolId: number): Promise<EckidRequestProgress>;
  /** Why requests cannot be made on this instance (Dutch), or null when they can. */
  unavailableReason(): string | null;
  /** Queues a job for every request without one (the dispatcher does this on its own timer too). */
  dispatch(): Promise<number>;
  /** Starts the dispatcher timer; the queue itself is started by whoever owns it. */
  startDispatcher(): void;
  stopDispatcher(): Promise<void>;
  /** The hash slots of this process: running now, the most at once, seconds busy. */
  readonly hashPool: Pick<HpgnPool, 'running' | 'peak' | 'busySeconds'>;
}

export function createEckidRequestService(deps: EckidRequestDeps): EckidRequestService {
  const { db, clock, queue } = deps;
  const salt = deps.hpgnSalt === null ? null : decodeSalt(deps.hpgnSalt);
  const retryLimit = deps.retryLimit ?? 5;
  const reason = salt === null
    ? 'de salt voor hPGN (ECKID_HPGN_SALT) is niet ingesteld.'
    : deps.numbers === null ? 'er is geen verbinding met de Nummervoorziening ingesteld (NUMMERVOORZIENING_URL en NUMMERVOORZIENING_OIN).' : null;
  const dispatcher = createDispatcher({ db, clock, queue, intervalMs: deps.dispatchIntervalMs ?? 5000 });

  const pool = createHpgnPool(deps.concurrency);
  queue.register<RequestJobPayload>(REQUEST_JOB, createRequestHandler({ db, clock, secretBox: deps.secretBox, queue, salt, pool, numbers: deps.numbers, retryLimit }), {
    concurrency: 2 * deps.concurrency,
    retryLimit,
    retryDelaySeconds: 30,
    expireInSeconds: 10 * 60,
  });

  return {
    onRosterApplied: async (trx, applied) => {
      await recordRequestsForImport({ secretBox: deps.secretBox, canRequest: reason === null, onRecorded: () => dispatcher.kick() }, trx, applied);
    },
    settings: (schoolId) => loadSettings(db, schoolId),
    async setRequestsEnabled(scope, enabled, actor) {
      if (enabled && reason !== null) throw new AppError('eckid.requests_not_possible', { reason });
      await db.transaction().execute(async (trx) => {
        await saveSettings(trx, scope.schoolId, enabled, actor, clock.now().toISOString());
        await recordAudit(trx, clock, { actor, action: enabled ? 'eckid.requests.enabled' : 'eckid.requests.disabled', boardId: scope.boardId, schoolId: scope.schoolId, details: {} });
      });
    },
    progress: (schoolId) => progressOf(db, schoolId),
    unavailableReason: () => reason,
    dispatch: () => dispatcher.dispatch(),
    startDispatcher: () => dispatcher.start(),
    stopDispatcher: () => dispatcher.stop(),
    hashPool: pool,
  };
}
