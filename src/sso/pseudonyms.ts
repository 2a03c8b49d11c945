/**
 * The one rule for every identifier a publisher sees (OIDC pairwise `sub`, SAML persistent
 * NameID, partner API ids): HMAC-SHA256 under PSEUDONYM_KEY over the publisher's sector and the
 * person's internal subject key. Stable across logins (same inputs, same output), different
 * between publishers (the sector is in the MAC), and not linkable back to the person without
 * the key (OpenID Connect Core §8.1 pairwise identifiers; SAML 2.0 Core §8.3.7 persistent ids).
 */
import { createHmac } from 'node:crypto';

export interface Pseudonyms {
  /** 64 lowercase hex characters for `subjectKey` ("pupil:12", "staff:7") at `sector` (a publisher's sector id). */
  forPublisher(sector: string, subjectKey: string): string;
}

export function createPseudonyms(pseudonymKey: string): Pseudonyms {
  return {
    forPublisher(sector, subjectKey) {
      if (!sector || !subjectKey) throw new Error('pseudonyms: sector and subject are required');
      // NUL separators: no sector/subject pair can be shifted into another pair with the same MAC input.
      return createHmac('sha256', pseudonymKey).update(`leerpoort-pseudonym\0${sector}\0${subjectKey}`, 'utf8').digest('hex');
    },
  };
}
