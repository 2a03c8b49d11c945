/**
 * Passwords staff choose: argon2id with the OWASP-recommended parameters (19 MiB, 2 passes,
 * 1 lane), a minimum length and a check against the most common passwords.
 */
import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.js';

/** `Algorithm.Argon2id` of @node-rs/argon2; its enum is `const`, which isolated transpilers cannot inline. */
const ARGON2ID = 2;
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/**
 * A hash of a random password, verified against when the e-mail address is unknown, so a
 * wrong address costs as much time as a wrong password and the answer time tells nothing.
 */
let dummyHash: Promise<string> | null = null;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummyHash;
}

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    await verify(await dummy(), password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Why a new password is refused, as the end of a Dutch sentence (see staff.password_rejected); null when it is fine. */
export function passwordProblem(password: string, context: { email: string }): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `het moet minstens ${PASSWORD_MIN_LENGTH} tekens lang zijn.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `het mag hoogstens ${PASSWORD_MAX_LENGTH} tekens lang zijn.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) return 'dit wachtwoord wordt veel gebruikt en is makkelijk te raden.';
  const localPart = context.email.toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 4 && lower.includes(localPart)) return 'het bevat (een deel van) uw e-mailadres.';
  return null;
}
