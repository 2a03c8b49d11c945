/**
 * What the sandbox Nummervoorziening does per operation, apart from HTTP: validation, keyed
 * pseudonyms, batches that become ready after a delay and can be fetched once, a daily batch
 * quota per OIN, a temporary block after repeated invalid requests, and hPGN replacements.
 * Everything is kept in memory: a sandbox forgets its batches when it stops, as it should.
 */
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../lib/clock.js';
import { sid, sidRaw, type FaultToSend } from '../nummervoorziening/envelope.js';
import { amsterdamDay, type FaultKind } from '../nummervoorziening/faults.js';
import { HPGN_PATTERN, SID_NS, type OperationName } from '../nummervoorziening/operations.js';
import { childrenNamed, childText, type XmlElement } from '../nummervoorziening/xml.js';
import { createSandboxPseudonyms, SANDBOX_CHAINS, SANDBOX_SECTORS, STAMPSEUDONYM_PATTERN, type ChainOrSectorEntry } from './pseudonyms.js';

export interface SandboxBehaviour {
  key: string;
  clock?: Clock;
  /** Time a batch takes before retrieveBatch returns it (default 3 s). */
  batchReadyAfterMs?: number;
  /** Batches per OIN per day (Amsterdam time), default 50. */
  dailyBatchLimit?: number;
  /** Invalid requests by one OIN within 10 minutes before it is blocked (default 20). */
  blockAfterInvalid?: number;
  /** How long a block lasts (default 15 minutes). */
  blockMinutes?: number;
  /** Largest batch accepted (default 100 000 entries). */
  maxBatchSize?: number;
  /** Only these OINs may call; null lets any well-formed OIN in. */
  allowedOins?: readonly string[] | null;
}

export class SandboxFault extends Error {
  constructor(readonly fault: FaultToSend) {
    super(fault.message);
  }
}

const fault = (kind: FaultKind, message: string, retryAfterSeconds?: number) => new SandboxFault({ kind, message, retryAfterSeconds });

interface Batch { oin: string; readyAt: number; retrieved: boolean; success: Array<[number, string]>; failed: Array<[number, string]> }

const INVALID_WINDOW_MS = 10 * 60_000;

export function createSandboxService(behaviour: SandboxBehaviour) {
  const clock = behaviour.clock ?? systemClock;
  const pseudonyms = createSandboxPseudonyms(behaviour.key);
  const readyAfterMs = behaviour.batchReadyAfterMs ?? 3000;
  const dailyLimit = behaviour.dailyBatchLimit ?? 50;
  const blockAfter = behaviour.blockAfterInvalid ?? 20;
  const blockMs = (behaviour.blockMinutes ?? 15) * 60_000;
  const maxBatch = behaviour.maxBatchSize ?? 100_000;
  const batches = new Map<string, Batch>();
  const batchesPerDay = new Map<string, number>();
  const invalidTimes = new Map<string, number[]>();
  const blockedUntil = new Map<string, number>();
  /** hpgnNew → { hpgnOld, from }: after `from`, hpgnNew yields hpgnOld's stampseudoniem. */
  const replacements = new Map<string, { hpgnOld: string; from: number }>();

  const now = () => clock.now().getTime();

  /** The hPGN whose stampseudoniem this one carries (following replacements that are in effect). */
  function rootOf(hpgn: string): string {
    let current = hpgn;
    for (let hops = 0; hops < 100; hops++) {
      const replacement = replacements.get(current);
      if (!replacement || replacement.from > now()) return current;
      current = replacement.hpgnOld;
    }
    return current;
  }
  const stampFor = (hpgn: string) => pseudonyms.stampseudonym(rootOf(hpgn));

  function checkHpgn(value: string | undefined, field: string): string {
    if (value === undefined || !HPGN_PATTERN.test(value)) throw fault('invalid_input', `${field} is geen geldige hPGN (verwacht 64 kleine hexadecimale tekens).`);
    return value;
  }
  function checkStamp(value: string | undefined): string {
    if (value === undefined || !STAMPSEUDONYM_PATTERN.test(value)) throw fault('invalid_input', 'stampseudonym is geen geldig stampseudoniem (verwacht 128 kleine hexadecimale tekens).');
    return value;
  }
  function checkChainSector(request: XmlElement): { chainId: string; sectorId: string } {
    const chainId = childText(request, SID_NS, 'chainId') ?? '';
    const sectorId = childText(request, SID_NS, 'sectorId') ?? '';
    if (!SANDBOX_CHAINS.some((chain) => chain.id === chainId)) throw fault('unknown_chain', `Onbekende keten: ${chainId}`);
    if (!SANDBOX_SECTORS.some((sector) => sector.id === sectorId)) throw fault('unknown_sector', `Onbekende sector: ${sectorId}`);
    return { chainId, sectorId };
  }
  function listed(request: XmlElement, element: string, valueName: string): Array<[number, string]> {
    const entries = childrenNamed(request, SID_NS, element).map((entry): [number, string] => [Number(childText(entry, SID_NS, 'index')), childText(entry, SID_NS, valueName) ?? '']);
    if (entries.length === 0) throw fault('invalid_input', `De batch is leeg: minstens één ${element} is verplicht.`);
    if (entries.length > maxBatch) throw fault('invalid_input', `De batch is te groot: hoogstens ${maxBatch} regels.`);
    const seen = new Set<number>();
    for (const [index] of entries) {
      if (!Number.isInteger(index) || index < -2147483648 || index > 2147483647 || seen.has(index)) throw fault('invalid_input', 'Elke regel van de batch heeft een eigen geheel getal als index.');
      seen.add(index);
    }
    return entries;
  }
  function newBatch(oin: string, results: Array<[number, string | Error]>): string {
    const day = `${oin}|${amsterdamDay(clock.now())}`;
    const used = batchesPerDay.get(day) ?? 0;
    if (used >= dailyLimit) throw fault('daily_batch_limit', `Het maximum van ${dailyLimit} batches per dag is bereikt voor OIN ${oin}.`);
    batchesPerDay.set(day, used + 1);
    const id = randomUUID();
    const batch: Batch = { oin, readyAt: now() + readyAfterMs, retrieved: false, success: [], failed: [] };
    for (const [index, value] of results) (value instanceof Error ? batch.failed.push([index, value.message]) : batch.success.push([index, value]));
    batches.set(id, batch);
    return sidRaw('submitBatchResponse', sid('batchIdentifier', id));
  }
  const attempt = (work: () => string): string | Error => {
    try {
      return work();
    } catch (error) {
      return error as Error;
    }
  };
  const describe = (tag: string, entries: readonly ChainOrSectorEntry[]) =>
    entries.map((entry) => sidRaw(tag, sid('id', entry.id) + sid('name', entry.name) + sid('description', entry.description) + sid('lastEdited', entry.lastEdited))).join('');

  const handlers: Record<OperationName, (request: XmlElement, oin: string) => string> = {
    ping: () => sidRaw('pingResponse', sid('available', 'true') + sid('applicationVersion', 'leerpoort-sandbox-1.0') + sid('systemTime', clock.now().toISOString())),
    retrieveStampseudonym: (request) => sidRaw('retrieveStampseudonymResponse', sid('stampseudonym', stampFor(checkHpgn(childText(request, SID_NS, 'hpgn'), 'hpgn')))),
    retrieveEckId: (request) => {
      const stamp = checkStamp(childText(request, SID_NS, 'stampseudonym'));
      const { chainId, sectorId } = checkChainSector(request);
      return sidRaw('retrieveEckIdResponse', sid('eckId', pseudonyms.eckId(stamp, chainId, sectorId)));
    },
    submitStampseudonymBatch: (request, oin) =>
      newBatch(oin, listed(request, 'hpgnList', 'hPgn').map(([index, hpgn]) => [index, attempt(() => stampFor(checkHpgn(hpgn, `hPgn ${index}`)))])),
    submitEckIdBatch: (request, oin) => {
      const { chainId, sectorId } = checkChainSector(request);
      const entries = listed(request, 'stampseudonymList', 'stampseudonym');
      return newBatch(oin, entries.map(([index, stamp]) => [index, attempt(() => pseudonyms.eckId(checkStamp(stamp), chainId, sectorId))]));
    },
    retrieveBatch: (request, oin) => {
      const id = childText(request, SID_NS, 'batchIdentifier') ?? '';
      const batch = batches.get(id);
      // Another organisation's batch is as unknown to you as one that never existed.
      if (!batch || batch.oin !== oin) throw fault('batch_unknown', `Onbekende batch: ${id}`);
      if (batch.retrieved) throw fault('batch_already_retrieved', `Batch ${id} is al opgehaald.`);
      const waitMs = batch.readyAt - now();
      if (waitMs > 0) throw fault('batch_not_finished', `Batch ${id} is nog niet klaar.`, Math.max(1, Math.ceil(waitMs / 1000)));
      batch.retrieved = true;
      const success = batch.success.map(([index, value]) => sidRaw('success', sid('index', String(index)) + sid('value', value))).join('');
      const failed = batch.failed.map(([index, message]) => sidRaw('failed', sid('index', String(index)) + sid('errorMessage', message))).join('');
      return sidRaw('retrieveBatchResponse', success + failed);
    },
    replaceStampseudonym: (request) => {
      const hpgnOld = checkHpgn(childText(request, SID_NS, 'hpgnOld'), 'hpgnOld');
      const hpgnNew = checkHpgn(childText(request, SID_NS, 'hpgnNew'), 'hpgnNew');
      const effective = childText(request, SID_NS, 'effectiveDate');
      const from = effective ? Date.parse(effective) : now();
      if (Number.isNaN(from)) throw fault('invalid_input', 'effectiveDate is geen geldige datum-tijd.');
      if (hpgnOld === hpgnNew) throw fault('invalid_input', 'hpgnOld en hpgnNew zijn gelijk.');
      if (rootOf(hpgnOld) === hpgnNew) throw fault('replacement_conflict', 'hpgnNew is zelf al vervangen door hpgnOld (dat zou een kring maken).');
      const existing = replacements.get(hpgnNew);
      if (existing && existing.hpgnOld !== hpgnOld) throw fault('replacement_conflict', 'hpgnNew is al gekoppeld aan een ander oud hPGN.');
      replacements.set(hpgnNew, { hpgnOld, from });
      return sidRaw('replaceStampseudonymResponse', sid('stampseudonym', pseudonyms.stampseudonym(rootOf(hpgnOld))));
    },
    retrieveChains: () => sidRaw('retrieveChainsResponse', describe('chain', SANDBOX_CHAINS)),
    retrieveSectors: () => sidRaw('retrieveSectorsResponse', describe('sector', SANDBOX_SECTORS)),
  };

  return {
    /** Runs one operation for an OIN; throws SandboxFault for every fault the service defines. */
    handle(operation: OperationName, request: XmlElement, oin: string): string {
      if (behaviour.allowedOins && !behaviour.allowedOins.includes(oin)) throw fault('not_authorized', `OIN ${oin} heeft geen aansluiting bij deze Nummervoorziening.`);
      const until = blockedUntil.get(oin) ?? 0;
      if (until > now()) throw fault('temporarily_blocked', `OIN ${oin} is tijdelijk geblokkeerd na te veel ongeldige verzoeken.`, Math.ceil((until - now()) / 1000));
      try {
        return handlers[operation](request, oin);
      } catch (error) {
        if (error instanceof SandboxFault && (error.fault.kind === 'invalid_input' || error.fault.kind === 'unknown_chain' || error.fault.kind === 'unknown_sector')) this.noteInvalid(oin);
        throw error;
      }
    },
    /** Counts an invalid request; enough of them in the window block the OIN for a while. */
    noteInvalid(oin: string): void {
      const recent = (invalidTimes.get(oin) ?? []).filter((time) => time > now() - INVALID_WINDOW_MS);
      recent.push(now());
      invalidTimes.set(oin, recent);
      if (recent.length >= blockAfter) {
        blockedUntil.set(oin, now() + blockMs);
        invalidTimes.delete(oin);
      }
    },
    pseudonyms,
  };
}

export type SandboxService = ReturnType<typeof createSandboxService>;
