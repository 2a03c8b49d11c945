/**
 * Reading the roster and the import log, for the school pages and the CLI. Every read is
 * scoped to one school.
 */
import { AppError } from '../lib/errors.js';
import type { RosterDeps } from './apply-and-log.js';
import { latestAppliedRun, runById, runsOfSchool } from './store-imports.js';
import { currentSchoolYear, groupsWithPupilCounts, peopleCounts } from './store-overview.js';
import { toImportRecord } from './summary.js';
import type { ImportRecord, RosterOverview, SchoolScope } from './types.js';

export function createRosterQueries(deps: Pick<RosterDeps, 'db'>) {
  const { db } = deps;

  async function listImports(scope: SchoolScope, options: { limit?: number } = {}): Promise<ImportRecord[]> {
    const [rows, latest] = await Promise.all([runsOfSchool(db, scope, options.limit ?? 50), latestAppliedRun(db, scope)]);
    return rows.map((row) => toImportRecord(row, latest?.id ?? null));
  }

  async function getImport(scope: SchoolScope, importId: number): Promise<ImportRecord> {
    const [row, latest] = await Promise.all([runById(db, scope, importId), latestAppliedRun(db, scope)]);
    if (!row) throw new AppError('roster.import_not_found');
    return toImportRecord(row, latest?.id ?? null);
  }

  async function rosterOverview(scope: SchoolScope): Promise<RosterOverview> {
    const [schoolYear, counts] = await Promise.all([currentSchoolYear(db, scope), peopleCounts(db, scope)]);
    const groups = schoolYear === null ? [] : await groupsWithPupilCounts(db, scope, schoolYear);
    return {
      schoolYear,
      ...counts,
      groups: groups.map((group) => ({ id: group.id, lasKey: group.las_key, name: group.name, kind: group.kind, yearGroup: group.year_group, pupils: group.pupils })),
    };
  }

  return { listImports, getImport, rosterOverview };
}
