/**
 * The request pipeline's view of the Nummervoorziening client: two calls, with the chain and
 * sector of ECK iDs for learning materials in primary education. The client is built on first
 * use, so a missing or unreadable certificate shows up as a failed request, not a failed start.
 */
import type { NummervoorzieningClient } from '../nummervoorziening/index.js';
import type { EckidNumberService } from './types.js';

/** The chain of the ECK iD for learning materials (edustandaard concept, as Kennisnet's reference client uses). */
export const CONTENT_CHAIN_ID = 'http://purl.edustandaard.nl/begrippenkader/e7ec7d3c-c235-4513-bfb6-e54e66854795';
/** Sector primair onderwijs (edustandaard concept). */
export const PO_SECTOR_ID = 'http://purl.edustandaard.nl/begrippenkader/512e4729-03a4-43a2-95ba-758071d1b725';

export function numberServiceFromClient(
  client: () => NummervoorzieningClient,
  ids: { chainId: string; sectorId: string } = { chainId: CONTENT_CHAIN_ID, sectorId: PO_SECTOR_ID },
): EckidNumberService {
  let built: NummervoorzieningClient | null = null;
  const get = () => (built ??= client());
  return {
    retrieveStampseudonym: (hpgn) => get().retrieveStampseudonym(hpgn),
    retrieveEckId: (stampseudonym) => get().retrieveEckId(stampseudonym, ids.chainId, ids.sectorId),
  };
}
