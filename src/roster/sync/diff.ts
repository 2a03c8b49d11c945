/**
 * The sync engine's pure half: the school's stored roster + a parsed file → the plan of
 * inserts, updates and deactivations, with counts and the preview's change lines. No I/O, so
 * the same plan serves a dry run, a preview and an apply.
 */
import type { EdexRoster } from '../edexml/model.js';
import type { GuardResult } from '../types.js';
import { diffGroups, diffLocations } from './diff-structure.js';
import { diffPupils, diffStaff } from './diff-people.js';
import { buildReferences } from './references.js';
import type { SchoolState, SyncPlan } from './state.js';

export function diffRoster(state: SchoolState, roster: EdexRoster): SyncPlan {
  const refs = buildReferences(state, roster);
  const locations = diffLocations(state.locations, roster.locations);
  const groups = diffGroups(state.groups, roster.groups, roster.school.schoolYear);
  const pupils = diffPupils(state.pupils, roster.pupils, refs);
  const staff = diffStaff(state.staff, roster.staff, refs);
  return {
    schoolId: state.schoolId,
    schoolYear: roster.school.schoolYear,
    locations: locations.plan,
    groups: groups.plan,
    pupils: pupils.plan,
    staff: staff.plan,
    counts: { pupils: pupils.counts, groups: groups.counts, staff: staff.counts, locations: locations.counts },
    changes: { pupils: pupils.changes, staff: staff.changes, groups: groups.changes },
    activePupils: state.pupils.filter((pupil) => pupil.active === 1).length,
  };
}

/**
 * The guard against an empty or truncated export (issue 2): deactivating more than `limit`
 * of the school's active pupils needs a person's confirmation.
 */
export function checkGuard(plan: SyncPlan, limit: number): GuardResult {
  const wouldDeactivate = plan.pupils.deactivate.length;
  const tripped = plan.activePupils > 0 && wouldDeactivate / plan.activePupils > limit;
  return { activePupils: plan.activePupils, wouldDeactivate, limit, tripped };
}
