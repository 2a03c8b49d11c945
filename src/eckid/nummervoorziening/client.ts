/**
 * The Nummervoorziening client: every operation of the WSDL as a typed function. Each call
 * is one SOAP 1.1 request with WS-Addressing (Action, MessageID, To, From with the OIN of the
 * school or board, ReplyTo anonymous); the answer's RelatesTo must match our MessageID.
 */
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../lib/clock.js';
import { buildEnvelope, parseEnvelope, sid, sidRaw } from './envelope.js';
import { DEFAULT_OUTAGE_RETRY_MS, DEFAULT_POLL_MS, errorForFault, NummervoorzieningError } from './faults.js';
import { OIN_PATTERN, OPERATIONS, SID_NS, WSA_ANONYMOUS_OIN_PREFIX, type OperationName } from './operations.js';
import { createAgent, postSoap, type Agent, type TlsMaterial } from './transport.js';
import { childrenNamed, childText, XmlRefused, type XmlElement } from './xml.js';

export interface NummervoorzieningClientOptions {
  /** Service endpoint, e.g. https://service.ketenid.nl/eck/ws/201703 or the sandbox. */
  url: string;
  /** OIN of the school or board on whose behalf Leerpoort asks (wsa:From). */
  oin: string;
  /** Client certificate, key and CA (mutual TLS); required by the real service. */
  tls?: TlsMaterial | null;
  timeoutMs?: number;
  /** Default wait between retrieveBatch polls. */
  pollIntervalMs?: number;
  clock?: Clock;
}

export interface PingResult { available: boolean; applicationVersion: string; systemTime: string }
export interface ChainOrSector { id: string; name: string; description: string; lastEdited: string }
export interface IndexedValue { index: number; value: string }
export interface BatchResult {
  success: IndexedValue[];
  failed: Array<{ index: number; errorMessage: string }>;
}
export interface WaitOptions { intervalMs?: number; maxAttempts?: number; signal?: AbortSignal }

export interface NummervoorzieningClient {
  readonly url: string;
  readonly oin: string;
  ping(): Promise<PingResult>;
  retrieveStampseudonym(hpgn: string): Promise<string>;
  retrieveEckId(stampseudonym: string, chainId: string, sectorId: string): Promise<string>;
  /** A plain list is indexed 0..n-1; pass IndexedValue[] to choose the indices yourself. */
  submitStampseudonymBatch(hpgns: readonly string[] | readonly IndexedValue[]): Promise<string>;
  submitEckIdBatch(stampseudonyms: readonly string[] | readonly IndexedValue[], chainId: string, sectorId: string): Promise<string>;
  /** Throws `nummervoorziening.batch_not_finished` (retry kind 'poll') while still processing. */
  retrieveBatch(batchIdentifier: string): Promise<BatchResult>;
  /** Polls retrieveBatch until ready; other errors are thrown at once. */
  waitForBatch(batchIdentifier: string, options?: WaitOptions): Promise<BatchResult>;
  replaceStampseudonym(hpgnOld: string, hpgnNew: string, effectiveDate?: Date): Promise<string>;
  retrieveChains(): Promise<ChainOrSector[]>;
  retrieveSectors(): Promise<ChainOrSector[]>;
  /** The same connection settings, on behalf of another school or board. */
  forOin(oin: string): NummervoorzieningClient;
  /** Closes idle keep-alive connections. */
  close(): void;
}

const invalidResponse = (detail: string) =>
  new NummervoorzieningError('nummervoorziening.invalid_response', { detail, minutes: DEFAULT_OUTAGE_RETRY_MS / 60_000 }, { kind: 'later', afterMs: DEFAULT_OUTAGE_RETRY_MS });

const indexed = (list: readonly string[] | readonly IndexedValue[]): IndexedValue[] =>
  list.map((item, index) => (typeof item === 'string' ? { index, value: item } : item));

export function createNummervoorzieningClient(options: NummervoorzieningClientOptions): NummervoorzieningClient {
  const url = new URL(options.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new NummervoorzieningError('nummervoorziening.not_configured', {}, { kind: 'never' });
  return buildClient(options, url, createAgent(url, options.tls));
}

function buildClient(options: NummervoorzieningClientOptions, url: URL, agent: Agent): NummervoorzieningClient {
  if (!OIN_PATTERN.test(options.oin)) throw new NummervoorzieningError('nummervoorziening.invalid_oin', { oin: options.oin }, { kind: 'never' });
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pollMs = options.pollIntervalMs ?? DEFAULT_POLL_MS;

  async function call(name: OperationName, body: string, batch?: string): Promise<XmlElement> {
    const operation = OPERATIONS[name];
    const messageId = `urn:uuid:${randomUUID()}`;
    const xml = buildEnvelope({ action: operation.action, messageId, to: url.href, from: WSA_ANONYMOUS_OIN_PREFIX + options.oin }, body);
    const response = await postSoap(url, agent, operation.action, xml, timeoutMs);
    let parsed;
    try {
      parsed = parseEnvelope(response.body);
    } catch (error) {
      throw invalidResponse(error instanceof XmlRefused ? error.message : `HTTP ${response.status}`);
    }
    if (parsed.fault) {
      throw errorForFault(parsed.fault, { now: clock.now(), oin: options.oin, batch, pollMs, retryAfterSeconds: parsed.fault.retryAfterSeconds });
    }
    if (response.status !== 200) throw invalidResponse(`HTTP ${response.status}`);
    if (parsed.headers.relatesTo !== messageId) throw invalidResponse('RelatesTo hoort niet bij dit verzoek');
    const result = parsed.body;
    if (!result || result.ns !== SID_NS || result.name !== operation.responseElement) throw invalidResponse(`verwacht ${operation.responseElement}`);
    return result;
  }

  const required = (element: XmlElement, name: string): string => {
    const value = childText(element, SID_NS, name);
    if (value === undefined || value === '') throw invalidResponse(`${name} ontbreekt`);
    return value;
  };
  const list = (element: XmlElement, name: string): ChainOrSector[] =>
    childrenNamed(element, SID_NS, name).map((entry) => ({
      id: required(entry, 'id'),
      name: required(entry, 'name'),
      description: childText(entry, SID_NS, 'description') ?? '',
      lastEdited: childText(entry, SID_NS, 'lastEdited') ?? '',
    }));
  const batchEntries = (entries: IndexedValue[], element: string, valueName: string): string =>
    entries.map((entry) => sidRaw(element, sid('index', String(entry.index)) + sid(valueName, entry.value))).join('');

  async function retrieveBatch(batchIdentifier: string): Promise<BatchResult> {
    const result = await call('retrieveBatch', sidRaw('retrieveBatchRequest', sid('batchIdentifier', batchIdentifier)), batchIdentifier);
    const index = (entry: XmlElement) => {
      const value = Number(required(entry, 'index'));
      if (!Number.isInteger(value)) throw invalidResponse('index is geen geheel getal');
      return value;
    };
    return {
      success: childrenNamed(result, SID_NS, 'success').map((entry) => ({ index: index(entry), value: required(entry, 'value') })),
      failed: childrenNamed(result, SID_NS, 'failed').map((entry) => ({ index: index(entry), errorMessage: childText(entry, SID_NS, 'errorMessage') ?? '' })),
    };
  }

  return {
    url: url.href,
    oin: options.oin,
    async ping() {
      const result = await call('ping', '<sid:pingRequest/>');
      return { available: required(result, 'available') === 'true', applicationVersion: required(result, 'applicationVersion'), systemTime: required(result, 'systemTime') };
    },
    async retrieveStampseudonym(hpgn) {
      return required(await call('retrieveStampseudonym', sidRaw('retrieveStampseudonymRequest', sid('hpgn', hpgn))), 'stampseudonym');
    },
    async retrieveEckId(stampseudonym, chainId, sectorId) {
      const body = sidRaw('retrieveEckIdRequest', sid('stampseudonym', stampseudonym) + sid('chainId', chainId) + sid('sectorId', sectorId));
      return required(await call('retrieveEckId', body), 'eckId');
    },
    async submitStampseudonymBatch(hpgns) {
      const body = sidRaw('submitStampseudonymBatchRequest', batchEntries(indexed(hpgns), 'hpgnList', 'hPgn'));
      return required(await call('submitStampseudonymBatch', body), 'batchIdentifier');
    },
    async submitEckIdBatch(stampseudonyms, chainId, sectorId) {
      const body = sidRaw('submitEckIdBatchRequest', batchEntries(indexed(stampseudonyms), 'stampseudonymList', 'stampseudonym') + sid('chainId', chainId) + sid('sectorId', sectorId));
      return required(await call('submitEckIdBatch', body), 'batchIdentifier');
    },
    retrieveBatch,
    async waitForBatch(batchIdentifier, wait = {}) {
      const maxAttempts = wait.maxAttempts ?? 60;
      for (let attempt = 1; ; attempt++) {
        try {
          return await retrieveBatch(batchIdentifier);
        } catch (error) {
          if (!(error instanceof NummervoorzieningError) || error.retry.kind !== 'poll' || attempt >= maxAttempts) throw error;
          await delay(wait.intervalMs ?? error.retry.afterMs, wait.signal);
        }
      }
    },
    async replaceStampseudonym(hpgnOld, hpgnNew, effectiveDate) {
      const body = sidRaw('replaceStampseudonymRequest', sid('hpgnOld', hpgnOld) + sid('hpgnNew', hpgnNew) + (effectiveDate ? sid('effectiveDate', effectiveDate.toISOString()) : ''));
      return required(await call('replaceStampseudonym', body), 'stampseudonym');
    },
    async retrieveChains() {
      return list(await call('retrieveChains', '<sid:retrieveChainsRequest/>'), 'chain');
    },
    async retrieveSectors() {
      return list(await call('retrieveSectors', '<sid:retrieveSectorsRequest/>'), 'sector');
    },
    forOin(oin) {
      return buildClient({ ...options, oin }, url, agent);
    },
    close() {
      agent.destroy();
    },
  };
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
