/**
 * Who may see and manage a group's pupils (overview, codes, cards): the platform operator, the
 * school's ICT-coördinator, IB/RT and board admins of the school, and a teacher or trainee of
 * that group. One small function, so the staff role model plugs in without touching routes.
 */
import { canAccessSchool, type Actor } from '../accounts/index.js';

const WHOLE_SCHOOL_ROLES = new Set(['schoolAdmin', 'supportStaff']);
const GROUP_ROLES = new Set(['teacher', 'trainee', 'substitute']);

/**
 * `taughtGroupIds`: the groups a teacher has through the roster (staff_groups); a trainee's one
 * group is on the grant itself.
 */
export function canManageGroup(actor: Actor | null, schoolId: number, groupId: number, taughtGroupIds: readonly number[] = []): boolean {
  if (!actor) return false;
  if (actor.kind === 'operator' || canAccessSchool(actor, schoolId)) return true;
  if (actor.kind !== 'staff') return false;
  return actor.roles.some(
    (grant) =>
      grant.schoolId === schoolId &&
      (WHOLE_SCHOOL_ROLES.has(grant.role) ||
        ((grant.role === 'trainee' || grant.role === 'substitute') && grant.groupId === groupId) ||
        (grant.role === 'teacher' && (grant.groupId === groupId || taughtGroupIds.includes(groupId)))),
  );
}

/** May the actor see the school's list of groups (every group, or only their own)? */
export function groupsVisibleTo(actor: Actor | null, schoolId: number, taughtGroupIds: readonly number[] = []): 'all' | readonly number[] {
  if (!actor) return [];
  if (actor.kind === 'operator' || canAccessSchool(actor, schoolId)) return 'all';
  if (actor.kind !== 'staff') return [];
  const grants = actor.roles.filter((grant) => grant.schoolId === schoolId);
  if (grants.some((grant) => WHOLE_SCHOOL_ROLES.has(grant.role))) return 'all';
  const own = grants.filter((grant) => GROUP_ROLES.has(grant.role) && grant.groupId !== null).map((grant) => grant.groupId as number);
  const teaches = grants.some((grant) => grant.role === 'teacher');
  return [...new Set([...own, ...(teaches ? taughtGroupIds : [])])];
}

/** May the actor give a substitute access at this school: its managers for any group, a teacher for her own groups. */
export function canGrantSubstitutes(actor: Actor | null, schoolId: number): boolean {
  if (!actor) return false;
  if (canAccessSchool(actor, schoolId)) return true;
  return actor.kind === 'staff' && actor.roles.some((grant) => grant.role === 'teacher' && grant.schoolId === schoolId);
}
