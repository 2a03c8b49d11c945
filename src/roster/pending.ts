/**
 * Files that wait for a person (a preview, or a file the guard held): show what they would
 * change today, apply them on confirmation, or discard them. A kept file is diffed again at
 * confirmation, against the data as it is then — never applied from a stale preview.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { AppError } from '../lib/errors.js';
import { readEdexml } from './edexml/index.js';
import { applyAndLog, pupilsGone, type RosterDeps } from './apply-and-log.js';
import { claimRun, deletePendingFile, lockSchool, pendingFile, runById, type ImportRunRow } from './store-imports.js';
import { loadSchoolState } from './store-roster.js';
import { schoolById, schoolLabel, type ImportSchool } from './store-schools.js';
import { buildSummary, statusInDutch } from './summary.js';
import { checkGuard, diffRoster } from './sync/diff.js';
import type { ImportSummary, SchoolScope } from './types.js';

const waiting = ['preview', 'held'] as const;

async function notPending(db: Kysely<Database>, scope: SchoolScope, importId: number): Promise<AppError> {
  const run = await runById(db, scope, importId);
  return run ? new AppError('roster.import_not_pending', { status: statusInDutch[run.status] }) : new AppError('roster.import_not_found');
}

async function requireSchool(db: Kysely<Database>, scope: SchoolScope): Promise<ImportSchool> {
  const school = await schoolById(db, scope);
  if (!school) throw new AppError('roster.import_not_found');
  return school;
}

export function createPendingUseCases(deps: RosterDeps) {
  const { db, clock, limits } = deps;

  /** Reads the kept file and diffs it against the school's roster as it is now. */
  async function rediff(trx: Kysely<Database>, scope: SchoolScope, run: Pick<ImportRunRow, 'id' | 'file_sha256' | 'file_bytes'>) {
    const content = await pendingFile(trx, scope, run.id);
    if (!content) throw await notPending(trx, scope, run.id);
    const read = await readEdexml(content, { maxBytes: limits.maxBytes, personalNumbers: true });
    // It was read fine when kept; this only happens when the rules (e.g. the size limit) changed since.
    if (!read.ok) throw new AppError('roster.file_refused', { count: read.errors.length }, read.errors);
    const state = await loadSchoolState(trx, scope);
    const plan = diffRoster(state, read.roster);
    const file = { sha256: run.file_sha256, bytes: run.file_bytes, edexmlVersion: read.roster.version, schoolYear: read.roster.school.schoolYear };
    return { state, plan, file, roster: read.roster, warnings: read.warnings, guard: checkGuard(plan, limits.guardShare) };
  }

  async function pendingPreview(scope: SchoolScope, importId: number): Promise<ImportSummary> {
    const run = await runById(db, scope, importId);
    if (!run) throw new AppError('roster.import_not_found');
    if (run.status !== 'preview' && run.status !== 'held') throw await notPending(db, scope, importId);
    const school = await requireSchool(db, scope);
    const { plan, file, warnings, guard } = await rediff(db, scope, run);
    return buildSummary({ importId, status: run.status, school, file, plan, guard, warnings });
  }

  async function confirmImport(scope: SchoolScope, importId: number, actor: string): Promise<ImportSummary> {
    let leaving: number[] = [];
    const summary = await db.transaction().execute(async (trx) => {
      await lockSchool(trx, scope);
      // Claiming the entry makes a second, simultaneous confirmation find it taken.
      if (!(await claimRun(trx, scope, importId, [...waiting], { status: 'applied' }))) throw await notPending(trx, scope, importId);
      const school = await requireSchool(trx, scope);
      if (!school.active) throw new AppError('roster.school_inactive', { school: schoolLabel(school) });
      const run = await runById(trx, scope, importId);
      if (!run) throw new AppError('roster.import_not_found');
      const { state, plan, file, roster, warnings, guard } = await rediff(trx, scope, run);
      await applyAndLog(deps, trx, { school, state, plan, run: { claimed: importId }, actor, roster });
      await deletePendingFile(trx, scope, importId);
      leaving = plan.pupils.deactivate.map((pupil) => pupil.id);
      return buildSummary({ importId, status: 'applied', school, file, plan, guard, warnings });
    });
    await pupilsGone(deps, leaving);
    return summary;
  }

  async function discardImport(scope: SchoolScope, importId: number, actor: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (!(await claimRun(trx, scope, importId, [...waiting], { status: 'discarded' }))) throw await notPending(trx, scope, importId);
      await deletePendingFile(trx, scope, importId);
      const school = await requireSchool(trx, scope);
      await recordAudit(trx, clock, { actor, action: 'roster.import.discarded', boardId: school.boardId, schoolId: school.id, details: { importId } });
    });
  }

  return { pendingPreview, confirmImport, discardImport };
}
