/**
 * Public face of the Nummervoorziening client (ECK iD service of Kennisnet): the typed client,
 * its errors with retry policies, the protocol constants, and a factory from configuration.
 */
export {
  createNummervoorzieningClient,
  type BatchResult,
  type ChainOrSector,
  type IndexedValue,
  type NummervoorzieningClient,
  type NummervoorzieningClientOptions,
  type PingResult,
  type WaitOptions,
} from './client.js';
export { NummervoorzieningError, nextAmsterdamMidnight, type RetryPolicy, type SoapFaultInfo, type FaultKind, FAULTS } from './faults.js';
export { ECK_ID_PATTERN, ECK_ID_PREFIX, HPGN_PATTERN, OIN_PATTERN, OPERATIONS, PRODUCTION_LOCATION, SID_NS, type OperationName } from './operations.js';
export type { TlsMaterial } from './transport.js';
export { clientFromConfig, readTlsMaterial } from './from-config.js';
