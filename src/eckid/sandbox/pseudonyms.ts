/**
 * The sandbox's numbers: stable keyed pseudonyms in the real formats, so a demo or test gets
 * the same stampseudoniem and ECK iD for the same hPGN every time, and different ECK iD's per
 * chain and sector, without anything that could be mistaken for a real one (the key is ours).
 */
import { createHmac } from 'node:crypto';
import { ECK_ID_PREFIX } from '../nummervoorziening/operations.js';

export interface ChainOrSectorEntry { id: string; name: string; description: string; lastEdited: string }

/** The chain of the ECK iD for learning materials (id as in Kennisnet's reference client). */
export const SANDBOX_CHAINS: readonly ChainOrSectorEntry[] = Object.freeze([
  { id: 'http://purl.edustandaard.nl/begrippenkader/e7ec7d3c-c235-4513-bfb6-e54e66854795', name: 'Educatieve contentketen', description: 'Keten voor leermiddelen (sandbox van Leerpoort)', lastEdited: '2017-03-01T00:00:00Z' },
]);

/** Primair onderwijs (the edustandaard concept id), plus one sandbox-only sector for tests. */
export const SANDBOX_SECTORS: readonly ChainOrSectorEntry[] = Object.freeze([
  { id: 'http://purl.edustandaard.nl/begrippenkader/512e4729-03a4-43a2-95ba-758071d1b725', name: 'PO', description: 'Primair onderwijs', lastEdited: '2017-03-01T00:00:00Z' },
  { id: 'urn:leerpoort:sandbox:sector:test', name: 'Sandbox', description: 'Alleen in de sandbox: een tweede sector om sectorscheiding te laten zien', lastEdited: '2024-01-01T00:00:00Z' },
]);

export const DEFAULT_SANDBOX_KEY = 'leerpoort-sandbox-nummervoorziening';

/** Stampseudoniem: 128 lowercase hex characters (HMAC-SHA-512 of the hPGN). */
export const STAMPSEUDONYM_PATTERN = /^[0-9a-f]{128}$/;

export function createSandboxPseudonyms(key: string) {
  const mac = (...parts: string[]) => createHmac('sha512', key).update(parts.join('\u0000')).digest('hex');
  return {
    stampseudonym: (hpgn: string): string => mac('stampseudonym', hpgn),
    eckId: (stampseudonym: string, chainId: string, sectorId: string): string => ECK_ID_PREFIX + mac('eckid', chainId, sectorId, stampseudonym),
  };
}
