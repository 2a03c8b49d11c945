/**
 * Secrets Leerpoort must be able to read back (signing keys, client secrets, TOTP secrets) are
 * stored encrypted under the key-encryption key from config (SECRET_KEY), never in the clear:
 * a copy of the database alone does not reveal them. AES-256-GCM authenticates as well as
 * encrypts, so a tampered value is refused instead of decrypted to garbage. The purpose is
 * bound in as associated data, so a value sealed for one use cannot be swapped into another.
 *
 * Key rotation (docs/adr/0014-secret-key-rotation.md): the box always seals under the current
 * key and opens with the current key, then the previous one (SECRET_KEY_PREVIOUS). GCM's tag
 * tells which key fits, so the format carries no key id; `leerpoort secrets reseal` moves every
 * stored value to the current key.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Format marker: lets a later algorithm change recognise old values. */
const VERSION = 'sb1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** Encrypts `plaintext` for `purpose` (e.g. "oidc.signing-key") under the current key; returns printable text. */
  seal(plaintext: string, purpose: string): string;
  /** Decrypts a value from `seal` with the same purpose; throws when it was altered, sealed for another purpose or under no configured key. */
  open(sealed: string, purpose: string): string;
  /**
   * The value sealed again under the current key, or null when it already is; throws (as
   * `open`) when no configured key opens it.
   */
  reseal(sealed: string, purpose: string): string | null;
}

/** True for text in the box's format (whether or not a configured key opens it). */
export function isSealedValue(value: string): boolean {
  return value.startsWith(`${VERSION}.`);
}

/** The configured secret is text of any length ≥ 32; SHA-256 turns it into exactly 256 bits. */
function deriveKey(keyEncryptionKey: string): Buffer {
  return createHash('sha256').update(`leerpoort-secret-box\0${keyEncryptionKey}`, 'utf8').digest();
}

function decrypt(key: Buffer, raw: Buffer, purpose: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(purpose, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** `previousKeys`: keys values may still be sealed under during a rotation, tried after the current one. */
export function createSecretBox(keyEncryptionKey: string, previousKeys: readonly string[] = []): SecretBox {
  const current = deriveKey(keyEncryptionKey);
  const previous = previousKeys.map(deriveKey);

  function payload(sealed: string): Buffer {
    const [version, body] = sealed.split('.', 2);
    if (version !== VERSION || !body) throw new Error('secret-box: unknown format');
    const raw = Buffer.from(body, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('secret-box: value too short');
    return raw;
  }

  /** The plaintext and whether the current key opened it; the error of the current key when none does. */
  function openAny(sealed: string, purpose: string): { plaintext: string; current: boolean } {
    const raw = payload(sealed);
    try {
      return { plaintext: decrypt(current, raw, purpose), current: true };
    } catch (error) {
      for (const key of previous) {
        try {
          return { plaintext: decrypt(key, raw, purpose), current: false };
        } catch {
          // not this key either
        }
      }
      throw error;
    }
  }

  function seal(plaintext: string, purpose: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', current, iv);
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  return {
    seal,
    open: (sealed, purpose) => openAny(sealed, purpose).plaintext,
    reseal(sealed, purpose) {
      const opened = openAny(sealed, purpose);
      return opened.current ? null : seal(opened.plaintext, purpose);
    },
  };
}
