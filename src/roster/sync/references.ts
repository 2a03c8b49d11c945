/**
 * Group and vestiging references as the diff sees them: a file names groups by LAS key, the
 * database by id. A key of a group this import still has to add has no id yet, so any
 * person pointing at it changes by definition.
 */
import type { EdexRoster } from '../edexml/model.js';
import type { SchoolState } from './state.js';

export interface References {
  /** Stored id of the file's group `key` in the file's school year; null for no key; undefined when new. */
  groupId(key: string | null): number | null | undefined;
  locationId(key: string | null): number | null | undefined;
  /** Name of a group as the file calls it. */
  fileGroupName(key: string | null): string | null;
  /** Name of a stored group. */
  storedGroupName(id: number | null): string | null;
}

export function buildReferences(state: SchoolState, roster: EdexRoster): References {
  const year = roster.school.schoolYear;
  const groupIds = new Map(state.groups.filter((g) => g.school_year === year).map((g) => [g.las_key, g.id]));
  const locationIds = new Map(state.locations.map((l) => [l.las_key, l.id]));
  const fileNames = new Map(roster.groups.map((g) => [g.key, g.name]));
  const storedNames = new Map(state.groups.map((g) => [g.id, g.name]));
  return {
    groupId: (key) => (key === null ? null : groupIds.get(key)),
    locationId: (key) => (key === null ? null : locationIds.get(key)),
    fileGroupName: (key) => (key === null ? null : (fileNames.get(key) ?? key)),
    storedGroupName: (id) => (id === null ? null : (storedNames.get(id) ?? null)),
  };
}
