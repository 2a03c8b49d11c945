/**
 * hPGN: the hashed persoonsgebonden nummer (BSN or onderwijsnummer) the Nummervoorziening
 * accepts instead of the number itself. scrypt over the lowercased UTF-8 PGN with the
 * environment's salt, N=2^17, r=8, p=4, 32 bytes, as lowercase hex (docs/eckid-hpgn.md).
 * One hash costs about 2 s of CPU and 128 MiB, so it runs in a background job, never on a
 * request path (request/worker.ts).
 */
import crypto from 'node:crypto';

export const HPGN_PARAMS = Object.freeze({ N: 131072, r: 8, p: 4, keyLength: 32 });
/** 128·N·r bytes = 128 MiB of scrypt's own memory; Node's default maxmem (32 MiB) refuses it. */
export const HPGN_MAXMEM = 256 * 1024 * 1024;
/** The salt of the Nummervoorziening's public test environment (not a secret). */
export const TEST_ENVIRONMENT_SALT = 'rktYml0MIp9TC9u6Ny6uqw==';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The salt as bytes; throws on anything that is not base64 of at least 8 bytes. */
export function decodeSalt(base64: string): Buffer {
  const trimmed = base64.trim();
  const bytes = BASE64.test(trimmed) && trimmed.length % 4 === 0 ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (bytes.length < 8) throw new TypeError('De salt voor hPGN moet base64 zijn (minstens 8 bytes).');
  return bytes;
}

/** The PGN as the algorithm hashes it: lowercased, UTF-8. */
export function pgnBytes(pgn: string): Buffer {
  return Buffer.from(pgn.toLowerCase(), 'utf8');
}

/** hPGN as lowercase hex, computed on libuv's thread pool (does not block the event loop). */
export function hpgn(pgn: string, salt: Buffer): Promise<string> {
  const { N, r, p, keyLength } = HPGN_PARAMS;
  return new Promise((resolve, reject) => {
    crypto.scrypt(pgnBytes(pgn), salt, keyLength, { N, r, p, maxmem: HPGN_MAXMEM }, (error, key) => {
      if (error) reject(error);
      else resolve(key.toString('hex'));
    });
  });
}
