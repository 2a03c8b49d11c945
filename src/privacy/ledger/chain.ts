/**
 * The ledger's hash rule, in one place for the appender and the verifier: each entry's hash is
 * SHA-256 over a canonical JSON array of its content followed by the previous entry's hash, so
 * changing, removing or reordering any entry breaks every hash after it.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The stored columns an entry's hash covers; `attributes` is the stored JSON text, byte for byte. */
export interface ChainedContent {
  seq: number;
  at: string;
  schoolId: number;
  boardId: number;
  publisherId: number;
  subjectKind: string;
  subjectId: number;
  attributes: string;
  channel: string;
  recipient: string;
  agreementId: number;
}

/** Version tag first: a later rule can change the layout without ambiguity. */
export function canonicalEntry(entry: ChainedContent, prevHash: string): string {
  return JSON.stringify([
    'leerpoort-ledger-v1',
    entry.seq,
    entry.at,
    entry.schoolId,
    entry.boardId,
    entry.publisherId,
    entry.subjectKind,
    entry.subjectId,
    entry.attributes,
    entry.channel,
    entry.recipient,
    entry.agreementId,
    prevHash,
  ]);
}

export function entryHash(entry: ChainedContent, prevHash: string): string {
  return sha256Hex(canonicalEntry(entry, prevHash));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
