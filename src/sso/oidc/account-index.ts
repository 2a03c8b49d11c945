/**
 * The person a stored Session or Grant belongs to, so "Overal uitloggen" can find that person's
 * OIDC sessions and grants on every device (both adapters keep this index; see session-end.ts).
 * An accountId names the person at one school (`staff:12@34`, release.ts); the key drops the
 * school, so a teacher's grants at all her schools are found together.
 */
const INDEXED = new Set(['Session', 'Grant']);

export function accountKeyOf(kind: string, payload: Record<string, unknown>): string | null {
  if (!INDEXED.has(kind) || typeof payload.accountId !== 'string') return null;
  return payload.accountId.split('@')[0];
}

/** The key of a person, as accountKeyOf derives it from an accountId. */
export const personKeyOf = (kind: 'pupil' | 'staff', id: number): string => `${kind}:${id}`;
