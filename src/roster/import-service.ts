/**
 * Importing an EDEXML file: read and check it, pick the school, diff it against the school's
 * roster and — per mode — only report (dry run), keep it for a person to confirm (preview),
 * hold it when it would deactivate too many pupils (guard), or apply it in one transaction.
 * Every outcome except a dry run is written to the import log, refusals included.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { isoNow } from '../lib/clock.js';
import { readEdexml } from './edexml/index.js';
import type { EdexRoster, FileProblem } from './edexml/model.js';
import { chooseSchool } from './choose-school.js';
import { applyAndLog, pupilsGone, type RosterDeps } from './apply-and-log.js';
import { insertRun, lockSchool, savePendingFile } from './store-imports.js';
import { loadSchoolState } from './store-roster.js';
import type { ImportSchool } from './store-schools.js';
import { buildSummary, emptyCounts, fileFacts, importProblem, type FileFacts } from './summary.js';
import { checkGuard, diffRoster } from './sync/diff.js';
import type { ImportRequest, ImportSummary } from './types.js';

function runValues(request: ImportRequest, file: FileFacts, schoolId: number | null, problems: FileProblem[], now: string) {
  return {
    school_id: schoolId,
    source: request.source,
    actor: request.actor,
    file_name: request.fileName ?? null,
    file_sha256: file.sha256,
    file_bytes: file.bytes,
    school_year: file.schoolYear,
    status: 'applied' as const,
    counts: JSON.stringify(emptyCounts()),
    problems: JSON.stringify(problems),
    created_at: now,
  };
}

export function createImportUseCase(deps: RosterDeps) {
  const { db, clock, limits } = deps;

  /** Logs a refused file (unless dry run) and reports it; nothing else changes. */
  async function refuse(request: ImportRequest, file: FileFacts, school: ImportSchool | null, errors: FileProblem[], warnings: FileProblem[]) {
    let importId: number | null = null;
    if (request.mode !== 'dry_run') {
      const values = runValues(request, file, school?.id ?? request.schoolId ?? null, [...errors, ...warnings], isoNow(clock));
      importId = await insertRun(db, { ...values, status: 'refused' });
    }
    return buildSummary({ importId, status: 'refused', school, file, warnings, errors });
  }

  async function keepForPreview(request: ImportRequest, file: FileFacts, school: ImportSchool, roster: EdexRoster, warnings: FileProblem[]) {
    const plan = diffRoster(await loadSchoolState(db, { schoolId: school.id }), roster);
    const guard = checkGuard(plan, limits.guardShare);
    if (request.mode === 'dry_run') return buildSummary({ importId: null, status: 'dry_run', school, file, plan, guard, warnings });
    const importId = await db.transaction().execute(async (trx) => {
      const values = runValues(request, file, school.id, warnings, isoNow(clock));
      const id = await insertRun(trx, { ...values, status: 'preview', counts: JSON.stringify(plan.counts) });
      await savePendingFile(trx, id, request.content);
      return id;
    });
    return buildSummary({ importId, status: 'preview', school, file, plan, guard, warnings });
  }

  async function applyNow(request: ImportRequest, file: FileFacts, school: ImportSchool, roster: EdexRoster, warnings: FileProblem[]) {
    const scope = { schoolId: school.id };
    let leaving: number[] = [];
    const summary = await db.transaction().execute(async (trx: Kysely<Database>) => {
      await lockSchool(trx, scope);
      const state = await loadSchoolState(trx, scope);
      const plan = diffRoster(state, roster);
      const guard = checkGuard(plan, limits.guardShare);
      // Logged once its outcome is known: one statement instead of an insert and an update.
      const run = runValues(request, file, school.id, warnings, isoNow(clock));
      if (guard.tripped && !request.confirmLargeChange) {
        const importId = await insertRun(trx, { ...run, status: 'held', counts: JSON.stringify(plan.counts) });
        await savePendingFile(trx, importId, request.content);
        await recordAudit(trx, clock, {
          actor: request.actor,
          action: 'roster.import.held',
          boardId: school.boardId,
          schoolId: school.id,
          details: { importId, activePupils: guard.activePupils, wouldDeactivate: guard.wouldDeactivate },
        });
        return buildSummary({ importId, status: 'held', school, file, plan, guard, warnings });
      }
      const importId = await applyAndLog(deps, trx, { school, state, plan, run: { insert: run }, actor: request.actor, roster });
      leaving = plan.pupils.deactivate.map((pupil) => pupil.id);
      return buildSummary({ importId, status: 'applied', school, file, plan, guard, warnings });
    });
    await pupilsGone(deps, leaving);
    return summary;
  }

  /**
   * The transaction rolled back, so nothing changed; the attempt is still logged, then the
   * error goes on to the caller (it is not the file's fault, so not a refusal to report).
   */
  async function logFailedApply(request: ImportRequest, file: FileFacts, school: ImportSchool, warnings: FileProblem[]) {
    const problem = importProblem('roster.apply_failed', {});
    await insertRun(db, { ...runValues(request, file, school.id, [problem, ...warnings], isoNow(clock)), status: 'refused' });
  }

  return async function importEdexml(request: ImportRequest): Promise<ImportSummary> {
    const file = fileFacts(request.content);
    const read = await readEdexml(request.content, { maxBytes: limits.maxBytes, personalNumbers: true });
    if (!read.ok) return refuse(request, file, null, read.errors, read.warnings);
    const { roster, warnings } = read;
    file.schoolYear = roster.school.schoolYear;
    file.edexmlVersion = roster.version;
    const choice = await chooseSchool(db, roster, request.schoolId);
    if (!choice.ok) return refuse(request, file, choice.school, [choice.problem], warnings);
    if (request.mode !== 'apply') return keepForPreview(request, file, choice.school, roster, warnings);
    try {
      return await applyNow(request, file, choice.school, roster, warnings);
    } catch (error) {
      // When the database itself is failing the log entry fails too; the original error matters more.
      await logFailedApply(request, file, choice.school, warnings).catch(() => undefined);
      throw error;
    }
  };
}
