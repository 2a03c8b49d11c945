/**
 * The two sides of a synchronisation: what a school's roster looks like in the database now
 * (rows as stored, with memberships) and the plan that turns it into what the file says.
 * Rows keep the database's column names so that the undo journal can store and restore them
 * verbatim.
 */
import type { Selectable } from 'kysely';
import type { GroupTable, LocationTable, PupilTable, StaffTable } from '../../db/index.js';
import type { ImportChanges, ImportCounts } from '../types.js';

export type LocationRow = Selectable<LocationTable>;
export type GroupRow = Selectable<GroupTable>;
export type PupilRow = Selectable<PupilTable> & { subgroup_ids: number[] };
export type StaffRow = Selectable<StaffTable> & { group_ids: number[] };

/** Every row of one school, active or not (inactive people can come back). */
export interface SchoolState {
  schoolId: number;
  locations: LocationRow[];
  groups: GroupRow[];
  pupils: PupilRow[];
  staff: StaffRow[];
  /** When an import was last applied to the school (reverted ones included); the next must come later. */
  lastAppliedAt: string | null;
}

/** Columns a file sets on a location. */
export interface LocationValues {
  las_key: string;
  name: string;
  description: string | null;
}

/** Columns a file sets on a group (the school year is the file's). */
export interface GroupValues {
  las_key: string;
  kind: 'group' | 'subgroup';
  name: string;
  year_group: string | null;
  description: string | null;
}

interface PersonValues {
  las_key: string;
  eckid: string | null;
  last_name: string | null;
  prefix: string | null;
  first_names: string | null;
  initials: string | null;
  nickname: string | null;
}

/** Columns a file sets on a pupil; groups and location by LAS key, resolved to ids when applied. */
export interface PupilValues extends PersonValues {
  birth_date: string | null;
  gender: string | null;
  year_group: string | null;
  groupKey: string | null;
  locationKey: string | null;
  subgroupKeys: string[];
}

export interface StaffValues extends PersonValues {
  email: string | null;
  roles: string; // JSON array, sorted, so a reordering in the LAS is no change
  groupKeys: string[];
}

export interface RowUpdate<Row, Values> {
  before: Row;
  values: Values;
  /** Memberships differ (pupils: samengestelde groepen; staff: groepen); they are rewritten. */
  membershipsChanged: boolean;
}

export interface KindPlan<Row, Values> {
  insert: Values[];
  update: Array<RowUpdate<Row, Values>>;
  /** Active rows the file no longer names. */
  deactivate: Row[];
}

export interface SyncPlan {
  schoolId: number;
  schoolYear: string;
  locations: KindPlan<LocationRow, LocationValues>;
  groups: KindPlan<GroupRow, GroupValues>;
  pupils: KindPlan<PupilRow, PupilValues>;
  staff: KindPlan<StaffRow, StaffValues>;
  counts: ImportCounts;
  changes: ImportChanges;
  /** Pupils active before the import, for the guard. */
  activePupils: number;
}

export function planChangesNothing(plan: SyncPlan): boolean {
  return [plan.locations, plan.groups, plan.pupils, plan.staff].every(
    (kind) => kind.insert.length === 0 && kind.update.length === 0 && kind.deactivate.length === 0,
  );
}
