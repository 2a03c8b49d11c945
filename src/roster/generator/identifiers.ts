/**
 * Fake but well-formed identifiers: BSNs that pass the elfproef, ECK iDs in the Nummervoorziening's
 * format and e-mail addresses under example.nl (reserved by SIDN, so no mail can reach a real school).
 */
import { createHash } from 'node:crypto';
import type { Random } from './random.js';

const ECKID_PREFIX = 'https://ketenid.nl/201703/';

/** The BSN elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11. */
export function passesElfproef(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0;
}

export function randomBsn(rng: Random): string {
  for (;;) {
    // Issued BSNs start at 100000000; a leading zero would look wrong in a real export.
    const digits = [rng.int(1, 9), ...Array.from({ length: 7 }, () => rng.int(0, 9))];
    const check = digits.reduce((sum, digit, i) => sum + digit * (9 - i), 0) % 11;
    if (check !== 10) return `${digits.join('')}${check}`;
  }
}

/** An ECK iD (https://ketenid.nl/201703/ + 128 lowercase hex) derived from who it is for, so it is stable per seed. */
export function eckidFor(...parts: string[]): string {
  return ECKID_PREFIX + createHash('sha512').update(parts.join('\u0000')).digest('hex');
}

/** "Jeroen van 't Hof" → "jeroen.vanthof": ASCII only, the way schools make their addresses. */
export function mailLocalPart(nickname: string, prefix: string | null, lastName: string): string {
  const ascii = (text: string) =>
    text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${ascii(nickname)}.${ascii(prefix ?? '')}${ascii(lastName)}`;
}
