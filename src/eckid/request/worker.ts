/**
 * The job that gets one pupil's ECK iD: hPGN (about 2 s CPU and 128 MiB, so the job's
 * concurrency bounds CPU and memory), then stampseudoniem and ECK iD from the Nummervoorziening,
 * then the ECK iD on the pupil. Idempotent: a job run twice (a worker died mid-way) finds the
 * request finished, or repeats steps whose result is the same; the hPGN is kept sealed between
 * steps so a retry after a service error does not hash again.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { JobContext, JobQueue } from '../../db/jobs/index.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { HpgnPool } from '../hpgn-pool.js';
import { hpgnPurpose, pgnPurpose } from './on-import.js';
import { finishRequest, loadSettings, noteNextAttempt, requestById, setPupilEckid, storeHpgn } from './store.js';
import { REQUEST_JOB, type EckidNumberService, type RequestJobPayload, type RetryAdvice } from './types.js';

export interface WorkerDeps {
  db: Kysely<Database>;
  clock: Clock;
  secretBox: SecretBox;
  queue: JobQueue;
  /** null: no salt configured (production without ECKID_HPGN_SALT). */
  salt: Buffer | null;
  /** Bounds the hashes running at once (CPU and memory), whatever the job concurrency. */
  pool: HpgnPool;
  numbers: EckidNumberService | null;
  /** Retries the queue makes after an unexpected error; the last failure ends the request. */
  retryLimit: number;
}

function adviceOf(error: unknown): { code: string; retry: RetryAdvice } | null {
  const candidate = error as { code?: unknown; retry?: { kind?: unknown } } | null;
  if (typeof candidate?.code !== 'string' || typeof candidate.retry?.kind !== 'string') return null;
  return { code: candidate.code, retry: candidate.retry as RetryAdvice };
}

export function createRequestHandler(deps: WorkerDeps) {
  const { db, clock, secretBox } = deps;
  const now = () => clock.now().toISOString();

  return async function handleRequest(payload: RequestJobPayload, job: JobContext): Promise<void> {
    const { requestId, schoolId } = payload;
    const request = await requestById(db, schoolId, requestId);
    if (!request || request.status !== 'waiting') return;
    const end = (outcome: Parameters<typeof finishRequest>[3]) => finishRequest(db, schoolId, requestId, outcome, now());
    if (request.pupil_eckid !== null) return end({ status: 'skipped' });
    if (!(await loadSettings(db, schoolId)).requestsEnabled) return end({ status: 'failed', errorCode: 'eckid.requests_disabled' });
    if (deps.salt === null) return end({ status: 'failed', errorCode: 'eckid.hpgn_salt_missing' });
    if (deps.numbers === null) return end({ status: 'failed', errorCode: 'nummervoorziening.not_configured' });

    try {
      let hashed: string;
      if (request.sealed_hpgn !== null) {
        hashed = secretBox.open(request.sealed_hpgn, hpgnPurpose(schoolId, request.pupil_id));
      } else if (request.sealed_pgn !== null) {
        hashed = await deps.pool.hash(secretBox.open(request.sealed_pgn, pgnPurpose(schoolId, request.pupil_id)), deps.salt);
        await storeHpgn(db, schoolId, requestId, secretBox.seal(hashed, hpgnPurpose(schoolId, request.pupil_id)), now());
      } else {
        return end({ status: 'failed', errorCode: 'eckid.pgn_missing' });
      }
      const context = { schoolId };
      const stampseudonym = await deps.numbers.retrieveStampseudonym(hashed, context);
      const eckid = await deps.numbers.retrieveEckId(stampseudonym, context);
      await db.transaction().execute(async (trx) => {
        const set = await setPupilEckid(trx, schoolId, request.pupil_id, eckid, now());
        await finishRequest(trx, schoolId, requestId, set ? { status: 'done', eckid } : { status: 'skipped' }, now());
      });
    } catch (error) {
      const advice = adviceOf(error);
      if (advice?.retry.kind === 'never') return end({ status: 'failed', errorCode: advice.code });
      if (advice) {
        // The service asks to wait (temporary block, daily limit): a new job after the wait, this one is done.
        const at = advice.retry.kind === 'tomorrow' ? Date.parse(advice.retry.at) : clock.now().getTime() + advice.retry.afterMs;
        await noteNextAttempt(db, schoolId, requestId, new Date(at).toISOString(), advice.code, now());
        await deps.queue.enqueue(REQUEST_JOB, payload, { startAfterSeconds: Math.max(1, (at - Date.now()) / 1000), singletonKey: `request:${requestId}` });
        return;
      }
      if (job.attempt > deps.retryLimit) return end({ status: 'failed', errorCode: 'eckid.request_error' });
      throw error;
    }
  };
}
