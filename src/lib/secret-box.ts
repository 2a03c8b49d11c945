/**
 * Secrets Leerpoort must be able to read back (signing keys, client secrets, TOTP secrets) are
 * stored encrypted under the key-encryption key from config (SECRET_KEY), never in the clear:
 * a copy of the database alone does not reveal them. AES-256-GCM authenticates as well as
 * encrypts, so a tampered value is refused instead of decrypted to garbage. The purpose is
 * bound in as associated data, so a value sealed for one use cannot be swapped into another.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Format marker: lets a later key or algorithm change recognise old values. */
const VERSION = 'sb1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** Encrypts `plaintext` for `purpose` (e.g. "oidc.signing-key"); returns printable text. */
  seal(plaintext: string, purpose: string): string;
  /** Decrypts a value from `seal` with the same purpose; throws when it was altered or sealed for another purpose. */
  open(sealed: string, purpose: string): string;
}

export function createSecretBox(keyEncryptionKey: string): SecretBox {
  // The configured secret is text of any length ≥ 32; SHA-256 turns it into exactly 256 bits.
  const key = createHash('sha256').update(`leerpoort-secret-box\0${keyEncryptionKey}`, 'utf8').digest();
  return {
    seal(plaintext, purpose) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed, purpose) {
      const [version, payload] = sealed.split('.', 2);
      if (version !== VERSION || !payload) throw new Error('secret-box: unknown format');
      const raw = Buffer.from(payload, 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('secret-box: value too short');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(purpose, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
