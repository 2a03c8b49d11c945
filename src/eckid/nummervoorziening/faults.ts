/**
 * Every fault the Nummervoorziening answers with, its typed error and its retry policy.
 * The WSDL declares no wsdl:fault; the service answers with a SOAP 1.1 Fault whose
 * `faultactor` names the situation (Kennisnet's reference client waits on the actor
 * "NotFinishedException" while a batch is being processed). WS-Addressing problems come with
 * the standard wsa fault codes. The sandbox emits exactly this table, the client reads it.
 */
import { AppError } from '../../lib/errors.js';

export type FaultKind =
  | 'invalid_input'
  | 'unknown_chain'
  | 'unknown_sector'
  | 'temporarily_blocked'
  | 'daily_batch_limit'
  | 'batch_not_finished'
  | 'batch_already_retrieved'
  | 'batch_unknown'
  | 'replacement_conflict'
  | 'not_authorized'
  | 'addressing'
  | 'server_error';

export interface FaultSpec {
  /** SOAP 1.1 faultcode (local part; prefix soap: or wsa: as `codeNs` says). */
  code: string;
  codeNs: 'soap' | 'wsa';
  /** faultactor value that identifies the situation; null for generic server faults. */
  actor: string | null;
}

export const FAULTS: Readonly<Record<FaultKind, FaultSpec>> = Object.freeze({
  invalid_input: { code: 'Client', codeNs: 'soap', actor: 'InvalidInputException' },
  unknown_chain: { code: 'Client', codeNs: 'soap', actor: 'InvalidChainException' },
  unknown_sector: { code: 'Client', codeNs: 'soap', actor: 'InvalidSectorException' },
  temporarily_blocked: { code: 'Client', codeNs: 'soap', actor: 'BlockedException' },
  daily_batch_limit: { code: 'Client', codeNs: 'soap', actor: 'BatchLimitExceededException' },
  batch_not_finished: { code: 'Server', codeNs: 'soap', actor: 'NotFinishedException' },
  batch_already_retrieved: { code: 'Client', codeNs: 'soap', actor: 'AlreadyRetrievedException' },
  batch_unknown: { code: 'Client', codeNs: 'soap', actor: 'UnknownBatchException' },
  replacement_conflict: { code: 'Client', codeNs: 'soap', actor: 'ReplacementConflictException' },
  not_authorized: { code: 'Client', codeNs: 'soap', actor: 'NotAuthorizedException' },
  addressing: { code: 'InvalidAddressingHeader', codeNs: 'wsa', actor: null },
  server_error: { code: 'Server', codeNs: 'soap', actor: null },
});

/** What the caller should do after an error. */
export type RetryPolicy =
  /** Temporary trouble (block, outage): try again after `afterMs`. */
  | { kind: 'later'; afterMs: number }
  /** The daily batch quota is used: try again from `at` (next midnight in Amsterdam). */
  | { kind: 'tomorrow'; at: string }
  /** The batch is still being processed: ask again after `afterMs`. */
  | { kind: 'poll'; afterMs: number }
  /** Retrying the same request cannot succeed. */
  | { kind: 'never' };

export const DEFAULT_BLOCK_RETRY_MS = 15 * 60_000;
export const DEFAULT_OUTAGE_RETRY_MS = 5 * 60_000;
export const DEFAULT_POLL_MS = 20_000;

export type NummervoorzieningCode = `nummervoorziening.${FaultKind | 'unreachable' | 'tls_refused' | 'invalid_response' | 'not_configured' | 'invalid_oin'}`;

/** The fault as it arrived, for logs and the job's error column. */
export interface SoapFaultInfo {
  code: string;
  actor: string | null;
  message: string;
}

export class NummervoorzieningError extends AppError {
  constructor(
    code: NummervoorzieningCode,
    params: Record<string, string | number>,
    readonly retry: RetryPolicy,
    readonly fault: SoapFaultInfo | null = null,
  ) {
    super(code, params, { retry, fault });
  }

  get retryable(): boolean {
    return this.retry.kind !== 'never';
  }
}

/** The next midnight in Europe/Amsterdam after `now`, as an ISO instant (the service's day). */
export function nextAmsterdamMidnight(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .formatToParts(now)
    .reduce<Record<string, number>>((acc, part) => (part.type === 'literal' ? acc : { ...acc, [part.type]: Number(part.value) }), {});
  const sinceMidnightMs = ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + now.getMilliseconds();
  // 24 h after the local midnight that started today; a DST change day is off by an hour at
  // most, on the late side, which is the safe side for a quota.
  return new Date(now.getTime() - sinceMidnightMs + 24 * 3_600_000).toISOString();
}

/** The local date (YYYY-MM-DD) in Amsterdam: the sandbox counts its daily quota per this day. */
export function amsterdamDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

export interface FaultContext {
  now: Date;
  oin: string;
  batch?: string;
  pollMs?: number;
  /** From the fault detail (sid:retryAfterSeconds), when the service says how long. */
  retryAfterSeconds?: number;
}

/** Turns a received SOAP fault into the typed error with its retry policy. */
export function errorForFault(fault: SoapFaultInfo, context: FaultContext): NummervoorzieningError {
  const kind = faultKind(fault);
  const detail = fault.message || fault.code;
  const minutes = (ms: number) => Math.ceil(ms / 60_000);
  switch (kind) {
    case 'temporarily_blocked': {
      const afterMs = context.retryAfterSeconds ? context.retryAfterSeconds * 1000 : DEFAULT_BLOCK_RETRY_MS;
      return new NummervoorzieningError('nummervoorziening.temporarily_blocked', { minutes: minutes(afterMs) }, { kind: 'later', afterMs }, fault);
    }
    case 'daily_batch_limit': {
      const at = nextAmsterdamMidnight(context.now);
      const retryAt = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(at));
      return new NummervoorzieningError('nummervoorziening.daily_batch_limit', { retryAt }, { kind: 'tomorrow', at }, fault);
    }
    case 'batch_not_finished': {
      const afterMs = context.retryAfterSeconds ? context.retryAfterSeconds * 1000 : context.pollMs ?? DEFAULT_POLL_MS;
      return new NummervoorzieningError('nummervoorziening.batch_not_finished', { batch: context.batch ?? '?', seconds: Math.ceil(afterMs / 1000) }, { kind: 'poll', afterMs }, fault);
    }
    case 'server_error':
      return new NummervoorzieningError('nummervoorziening.server_error', { detail, minutes: minutes(DEFAULT_OUTAGE_RETRY_MS) }, { kind: 'later', afterMs: DEFAULT_OUTAGE_RETRY_MS }, fault);
    case 'batch_already_retrieved':
    case 'batch_unknown':
      return new NummervoorzieningError(`nummervoorziening.${kind}`, { batch: context.batch ?? '?' }, { kind: 'never' }, fault);
    case 'not_authorized':
      return new NummervoorzieningError('nummervoorziening.not_authorized', { oin: context.oin }, { kind: 'never' }, fault);
    default:
      return new NummervoorzieningError(`nummervoorziening.${kind}`, { detail }, { kind: 'never' }, fault);
  }
}

function faultKind(fault: SoapFaultInfo): FaultKind {
  for (const [kind, spec] of Object.entries(FAULTS) as Array<[FaultKind, FaultSpec]>) {
    if (spec.actor !== null && spec.actor === fault.actor) return kind;
  }
  // WS-Addressing faults (wsa:InvalidAddressingHeader, wsa:MessageAddressingHeaderRequired, ...).
  if (/^(InvalidAddressingHeader|MessageAddressingHeaderRequired|ActionNotSupported|DestinationUnreachable|InvalidCardinality|MissingAddressInEPR)$/.test(fault.code)) return 'addressing';
  // An unknown client fault: our request was wrong, sending it again changes nothing.
  if (fault.code === 'Client' || fault.code === 'Sender') return 'invalid_input';
  return 'server_error';
}
