/**
 * Who is acting, as the HTTP guards see it. An operator acts platform-wide; the accounts
 * issue adds staff (ICT-coördinatoren) whose sessions carry the schools they may manage, and
 * the same scope check then covers them without changing any route.
 */
import { AppError } from '../lib/errors.js';

export type ActorKind = 'operator';

export interface Actor {
  kind: ActorKind;
  /** Human-readable name for logs and the import history, e.g. "Beheer". */
  label: string;
  /** The schools this actor may manage; undefined means every school (platform operator). */
  schoolIds?: readonly number[];
}

/** The actor as written in the audit log and import history, e.g. "operator:Beheer". */
export function actorId(actor: Actor): string {
  return `${actor.kind}:${actor.label}`;
}

export function canAccessSchool(actor: Actor, schoolId: number): boolean {
  return actor.schoolIds === undefined || actor.schoolIds.includes(schoolId);
}

export function assertOperator(actor: Actor | null): Actor {
  if (!actor) throw new AppError('auth.required');
  if (actor.kind !== 'operator' || actor.schoolIds !== undefined) throw new AppError('auth.forbidden');
  return actor;
}

export function assertSchoolAccess(actor: Actor | null, schoolId: number): Actor {
  if (!actor) throw new AppError('auth.required');
  if (!canAccessSchool(actor, schoolId)) throw new AppError('auth.forbidden');
  return actor;
}
