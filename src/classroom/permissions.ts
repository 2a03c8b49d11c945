/**
 * Who may see and manage a group's pupils (overview, codes, cards): the platform operator, the
 * school's ICT-coördinator, IB/RT and board admins of the school, and a teacher or trainee of
 * that group. One small function, so the staff role model plugs in without touching routes.
 */
import { canAccessSchool, type Actor } from '../accounts/index.js';

const WHOLE_SCHOOL_ROLES = new Set(['schoolAdmin', 'supportStaff']);
const GROUP_ROLES = new Set(['teacher', 'trainee']);

export function canManageGroup(actor: Actor | null, schoolId: number, groupId: number): boolean {
  if (!actor) return false;
  if (actor.kind === 'operator' || canAccessSchool(actor, schoolId)) return true;
  if (actor.kind !== 'staff') return false;
  return actor.roles.some(
    (grant) => grant.schoolId === schoolId && (WHOLE_SCHOOL_ROLES.has(grant.role) || (GROUP_ROLES.has(grant.role) && grant.groupId === groupId)),
  );
}

/** May the actor see the school's list of groups (every group, or only their own)? */
export function groupsVisibleTo(actor: Actor | null, schoolId: number): 'all' | readonly number[] {
  if (!actor) return [];
  if (actor.kind === 'operator' || canAccessSchool(actor, schoolId)) return 'all';
  if (actor.kind !== 'staff') return [];
  const grants = actor.roles.filter((grant) => grant.schoolId === schoolId);
  if (grants.some((grant) => WHOLE_SCHOOL_ROLES.has(grant.role))) return 'all';
  return grants.filter((grant) => GROUP_ROLES.has(grant.role) && grant.groupId !== null).map((grant) => grant.groupId as number);
}
