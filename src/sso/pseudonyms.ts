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

/**
 * Pseudonyms kept for reuse. One OIDC launch asks for the same pseudonym five times (the
 * authorization's decision, then the decision and the `sub` at the token and userinfo
 * requests), and an HMAC costs about 20 µs in a busy server; this holds the last launches'
 * worth. Oldest first out.
 */
const REMEMBERED = 10_000;

export function createPseudonyms(pseudonymKey: string): Pseudonyms {
  const remembered = new Map<string, string>();
  return {
    forPublisher(sector, subjectKey) {
      if (!sector || !subjectKey) throw new Error('pseudonyms: sector and subject are required');
      // NUL separators: no sector/subject pair can be shifted into another pair with the same MAC input.
      const input = `leerpoort-pseudonym\0${sector}\0${subjectKey}`;
      let pseudonym = remembered.get(input);
      if (pseudonym === undefined) {
        pseudonym = createHmac('sha256', pseudonymKey).update(input, 'utf8').digest('hex');
        if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value!);
        remembered.set(input, pseudonym);
      }
      return pseudonym;
    },
  };
}
