/**
 * Who is acting, as the HTTP guards see it: the platform operator (everything), a staff member
 * (with roles per school or board), a pupil or a parent. Guards only ask the questions below,
 * so a new role never means touching a route.
 */
import type { StaffRoleName } from '../db/index.js';
import { AppError } from '../lib/errors.js';

export type ActorKind = 'operator' | 'staff' | 'pupil' | 'parent';

export interface StaffRoleGrant {
  /** 'substitute' (publishers see `Inval`) only while a substitute grant's period runs; see substitutes/. */
  role: StaffRoleName | 'substitute';
  schoolId: number | null;
  boardId: number | null;
  groupId: number | null;
}

export type Actor =
  | { kind: 'operator'; label: string }
  | {
      kind: 'staff';
      accountId: number;
      /** Display name, e.g. "Anna de Vries". */
      label: string;
      roles: readonly StaffRoleGrant[];
      /** Schools this person manages: ICT-coördinator there, or board admin of its board. */
      managedSchoolIds: readonly number[];
    }
  | { kind: 'pupil'; pupilId: number; schoolId: number; label: string }
  | { kind: 'parent'; parentId: number; label: string };

/**
 * The actor as written in the audit log and import history: "operator:Beheer" (the operator
 * has no account, so the name is the identity), "staff:12", "pupil:34", "parent:5".
 */
export function actorId(actor: Actor): string {
  switch (actor.kind) {
    case 'operator':
      return `operator:${actor.label}`;
    case 'staff':
      return `staff:${actor.accountId}`;
    case 'pupil':
      return `pupil:${actor.pupilId}`;
    case 'parent':
      return `parent:${actor.parentId}`;
  }
}

/** Where a signed-in person starts. */
export function homePath(actor: Actor | null): string {
  switch (actor?.kind) {
    case 'operator':
      return '/beheer';
    case 'staff':
      return '/account';
    case 'pupil':
      return '/leerling';
    case 'parent':
      return '/thuis';
    default:
      return '/inloggen';
  }
}

/** May this actor manage the school (roster, LAS tokens, staff accounts)? */
export function canAccessSchool(actor: Actor, schoolId: number): boolean {
  if (actor.kind === 'operator') return true;
  return actor.kind === 'staff' && actor.managedSchoolIds.includes(schoolId);
}

export function assertOperator(actor: Actor | null): Extract<Actor, { kind: 'operator' }> {
  if (!actor) throw new AppError('auth.required');
  if (actor.kind !== 'operator') throw new AppError('auth.forbidden');
  return actor;
}

export function assertSchoolAccess(actor: Actor | null, schoolId: number): Actor {
  if (!actor) throw new AppError('auth.required');
  if (!canAccessSchool(actor, schoolId)) throw new AppError('auth.forbidden');
  return actor;
}

export function assertActorKind<K extends ActorKind>(actor: Actor | null, kind: K): Extract<Actor, { kind: K }> {
  if (!actor) throw new AppError('auth.required');
  if (actor.kind !== kind) throw new AppError('auth.forbidden');
  return actor as Extract<Actor, { kind: K }>;
}

