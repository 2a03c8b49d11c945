/**
 * Diff of a school's structure: vestigingen (keyed by LAS key) and groups (keyed by school
 * year + LAS key, the year being the file's). Rows the file no longer names become
 * inactive — including last year's groups after a year rollover — and come back when named
 * again.
 */
import type { EdexGroup, EdexLocation } from '../edexml/model.js';
import type { GroupChange, KindCounts } from '../types.js';
import { changedFields, fieldName, groupFields, locationFields, type FieldTable } from './fields.js';
import type { GroupRow, GroupValues, KindPlan, LocationRow, LocationValues } from './state.js';

interface KeyedRow {
  id: number;
  las_key: string;
  active: number;
}

interface KeyedDiff<Row, Values> {
  plan: KindPlan<Row, Values>;
  counts: KindCounts;
  /** Dutch names of the changed fields per updated row, in plan.update order. */
  updatedFields: string[][];
}

function diffByKey<Row extends KeyedRow, Values extends { las_key: string }, K extends string & keyof Values & keyof Row>(
  candidates: Row[],
  allRows: Row[],
  wanted: Values[],
  fields: FieldTable<K>,
): KeyedDiff<Row, Values> {
  const byKey = new Map(candidates.map((row) => [row.las_key, row]));
  const plan: KindPlan<Row, Values> = { insert: [], update: [], deactivate: [] };
  const counts: KindCounts = { added: 0, updated: 0, deactivated: 0, unchanged: 0 };
  const updatedFields: string[][] = [];
  const named = new Set<number>();
  for (const values of wanted) {
    const row = byKey.get(values.las_key);
    if (!row) {
      plan.insert.push(values);
      counts.added++;
      continue;
    }
    named.add(row.id);
    const changed = changedFields(row as Record<K, unknown>, values as Record<K, unknown>, fields);
    if (row.active !== 1) changed.push(fieldName.active);
    if (changed.length === 0) {
      counts.unchanged++;
      continue;
    }
    plan.update.push({ before: row, values, membershipsChanged: false });
    updatedFields.push(changed);
    counts.updated++;
  }
  for (const row of allRows) {
    if (row.active === 1 && !named.has(row.id)) plan.deactivate.push(row);
  }
  counts.deactivated = plan.deactivate.length;
  return { plan, counts, updatedFields };
}

export function diffLocations(rows: LocationRow[], file: EdexLocation[]): KeyedDiff<LocationRow, LocationValues> {
  const wanted = file.map((location) => ({ las_key: location.key, name: location.name, description: location.description }));
  return diffByKey(rows, rows, wanted, locationFields);
}

export function diffGroups(
  rows: GroupRow[],
  file: EdexGroup[],
  schoolYear: string,
): KeyedDiff<GroupRow, GroupValues> & { changes: GroupChange[] } {
  const wanted: GroupValues[] = file.map((group) => ({
    las_key: group.key,
    kind: group.kind,
    name: group.name,
    year_group: group.yearGroup,
    description: group.description,
  }));
  const thisYear = rows.filter((row) => row.school_year === schoolYear);
  const diff = diffByKey(thisYear, rows, wanted, groupFields);
  const change = (kind: GroupChange['kind'], group: GroupValues | GroupRow, fields: string[]): GroupChange => ({
    kind,
    lasKey: group.las_key,
    name: group.name,
    groupKind: group.kind,
    fields,
  });
  const changes = [
    ...diff.plan.insert.map((group) => change('added', group, [])),
    ...diff.plan.update.map((update, i) => change('updated', update.values, diff.updatedFields[i])),
    ...diff.plan.deactivate.map((group) => change('deactivated', group, [])),
  ];
  return { ...diff, changes };
}
