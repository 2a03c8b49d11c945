/**
 * Picture codes, pincodes and card tokens are low-entropy or bearer secrets. They are stored
 * as keyed HMAC-SHA256 with PUPIL_SECRET_KEY (a stolen database alone does not let anyone try
 * the 6,561 picture codes offline) and compared in constant time.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { CODE_LENGTH, GRID_PICTURES } from './pictures.js';

export type SecretKind = 'picture' | 'pin' | 'card' | 'ip-token';

export interface PupilSecrets {
  /** Codes are bound to the pupil, so equal codes of two pupils give different hashes. */
  hash(kind: SecretKind, subject: number | null, value: string): string;
  matches(stored: string | null, kind: SecretKind, subject: number | null, value: string): boolean;
}

export function createPupilSecrets(key: string): PupilSecrets {
  const hash = (kind: SecretKind, subject: number | null, value: string) =>
    createHmac('sha256', key).update(`${kind}\u0000${subject ?? ''}\u0000${value}`, 'utf8').digest('hex');
  return {
    hash,
    matches(stored, kind, subject, value) {
      if (!stored) return false;
      const expected = Buffer.from(stored, 'hex');
      const actual = Buffer.from(hash(kind, subject, value), 'hex');
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}

export function randomPictureCode(): string[] {
  return Array.from({ length: CODE_LENGTH }, () => GRID_PICTURES[randomInt(GRID_PICTURES.length)].id);
}

export function randomPincode(digits = 5): string {
  return Array.from({ length: digits }, () => String(randomInt(10))).join('');
}

export const PINCODE_PATTERN = /^\d{4,6}$/;

/** A card token is a bearer secret printed as a QR code: 128 random bits keep the code small. */
export function newCardToken(): string {
  return randomBytes(16).toString('base64url');
}
