/**
 * High-entropy bearer secrets (LAS push tokens, session ids, login links): 256 random bits,
 * stored only as a SHA-256 hash. A plain hash suffices here because the secret is not
 * guessable; secrets people choose use argon2id instead.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A random reference of `length` characters from an unambiguous alphabet (no 0/O, 1/l/I). */
export function randomReference(length: number): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}
