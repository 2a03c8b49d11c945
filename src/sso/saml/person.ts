/**
 * Who is logging in, for which school: a pupil for her own school; a staff member for the
 * school asked for, or the only school she works at — with more than one and none asked,
 * the caller lets her choose. Parents and the operator never log in to a publisher.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../accounts/index.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { loadPupil, loadStaff } from '../release-person.js';
import type { ReleasePerson } from '../profiles.js';

export type PersonChoice = { person: ReleasePerson } | { chooseFrom: number[] };

export function staffSchoolIds(actor: Extract<Actor, { kind: 'staff' }>): number[] {
  const ids = new Set<number>(actor.managedSchoolIds);
  for (const role of actor.roles) if (role.schoolId !== null) ids.add(role.schoolId);
  return [...ids].sort((a, b) => a - b);
}

export async function personFor(db: Kysely<Database>, actor: Actor | null, schoolId: number | null, now: Date): Promise<PersonChoice> {
  if (!actor) throw new AppError('auth.required');
  if (actor.kind === 'pupil') {
    const person = await loadPupil(db, actor.pupilId, actor.schoolId);
    if (!person) throw new AppError('sso.person_not_found');
    return { person };
  }
  if (actor.kind !== 'staff') throw new AppError('saml.launch_not_for_you');
  const candidates = staffSchoolIds(actor);
  const chosen = schoolId ?? (candidates.length === 1 ? candidates[0] : null);
  if (chosen === null) {
    if (candidates.length === 0) throw new AppError('sso.person_not_found');
    return { chooseFrom: candidates };
  }
  const person = await loadStaff(db, actor.accountId, chosen, now.toISOString());
  if (!person) throw new AppError('sso.person_not_found');
  return { person };
}

/** The subject key of whoever is signed in (for single logout), or null. */
export function subjectKeyOf(actor: Actor | null): string | null {
  if (actor?.kind === 'pupil') return `pupil:${actor.pupilId}`;
  if (actor?.kind === 'staff') return `staff:${actor.accountId}`;
  return null;
}
