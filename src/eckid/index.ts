/**
 * The ECK iD capability's public face. hPGN and the request pipeline (hpgn/jobs helper),
 * the Nummervoorziening client and sandbox, and the readiness check each add their exports here.
 */
export { decodeSalt, hpgn, HPGN_PARAMS, HPGN_MAXMEM, TEST_ENVIRONMENT_SALT } from './hpgn.js';
// The request pipeline (hpgn/jobs helper): school setting, roster hook, jobs, progress.
export { createEckidRequestService, type EckidRequestDeps, type EckidRequestService } from './request/service.js';
export { numberServiceFromClient, CONTENT_CHAIN_ID, PO_SECTOR_ID } from './request/number-service.js';
export { requestSealedColumns } from './request/on-import.js';
export { REQUEST_JOB, type EckidNumberService, type EckidRequestProgress, type EckidRequestSettings, type RetryAdvice } from './request/types.js';
// The Nummervoorziening client (eckid-client helper): typed SOAP client, errors with retry policies.
export {
  createNummervoorzieningClient,
  clientFromConfig,
  readTlsMaterial,
  NummervoorzieningError,
  ECK_ID_PATTERN,
  ECK_ID_PREFIX,
  type BatchResult,
  type ChainOrSector,
  type IndexedValue,
  type NummervoorzieningClient,
  type NummervoorzieningClientOptions,
  type RetryPolicy,
  type TlsMaterial,
} from './nummervoorziening/index.js';
// The sandbox Nummervoorziening (demos and tests).
export { startSandbox, DEFAULT_SANDBOX_KEY, SANDBOX_CHAINS, SANDBOX_SECTORS, type RunningSandbox, type SandboxOptions } from './sandbox/index.js';
// ECK iD readiness (readiness helper): why a pupil has no ECK iD, coverage per school and board.
export * from './readiness/index.js';
export { registerCoverageSnapshotJob, scheduleCoverageSnapshot } from './coverage/job.js';
