/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) with node:crypto: 30-second
 * steps, 6 digits, HMAC-SHA-1 — what every authenticator app understands.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const STEP_SECONDS = 30;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** 160 random bits, the key size RFC 4226 recommends for SHA-1, as base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** RFC 4226 section 5.3: dynamic truncation of the HMAC of the counter. */
export function hotp(key: Buffer, counter: number, digits = 6, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpAt(key: Buffer, unixSeconds: number, digits = 6, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  return hotp(key, Math.floor(unixSeconds / STEP_SECONDS), digits, algorithm);
}

/** The current code for a base32 secret (what the authenticator app shows). */
export function totpCode(secret: string, at: Date): string {
  return totpAt(base32Decode(secret), Math.floor(at.getTime() / 1000));
}

/**
 * The RFC 6238 time step the code belongs to, or null. Accepts this step and one either side,
 * for clocks that drift a little, but only steps after `after` (the last step already used):
 * a code works once, and an older code cannot follow a newer one. All three candidates are
 * computed and compared in constant time, whichever matches.
 */
export function matchingStep(secret: string, code: string, at: Date, after: number | null = null): number | null {
  const given = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(given)) return null;
  const key = base32Decode(secret);
  const current = Math.floor(at.getTime() / 1000 / STEP_SECONDS);
  let found: number | null = null;
  for (const step of [current - 1, current, current + 1]) {
    const equal = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(given));
    if (equal && (after === null || step > after)) found = step;
  }
  return found;
}

/** Whether the code is right for this moment (one step of drift either way); replay is the caller's check. */
export function verifyTotp(secret: string, code: string, at: Date): boolean {
  return matchingStep(secret, code, at) !== null;
}

/** The otpauth URI (Key Uri Format) an authenticator app reads, e.g. from a QR code. */
export function otpauthUri(secret: string, account: string, issuer = 'Leerpoort'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=${STEP_SECONDS}`;
}
