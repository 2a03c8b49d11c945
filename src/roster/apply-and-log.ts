/**
 * The step an import and a confirmation share: apply the plan inside the open transaction,
 * mark the log entry applied and (when anything changed) write the audit entry.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database, ImportRunTable } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { isoNow, type Clock } from '../lib/clock.js';
import type { EdexRoster } from './edexml/model.js';
import { insertRun, updateRun } from './store-imports.js';
import type { ImportSchool } from './store-schools.js';
import { applyPlan } from './sync/apply.js';
import { planChangesNothing, type SchoolState, type SyncPlan } from './sync/state.js';

export interface RosterDeps {
  db: Kysely<Database>;
  clock: Clock;
  limits: { maxBytes: number; guardShare: number };
  /** Runs inside the import's transaction after the plan is applied (e.g. the ECK status of eckid/readiness). */
  onApplied?: RosterAppliedHook;
  /**
   * Runs after the transaction committed, with the pupils it deactivated or removed (none: not
   * called): their Leerpoort sessions and their sessions at publishers end (compose.ts). Never
   * inside the transaction, so a publisher cannot hold the school's import lock and a
   * rolled-back import signs nobody out.
   */
  onPupilsGone?: (pupilIds: number[]) => Promise<void>;
}

/** Tells `onPupilsGone` about the pupils a committed change took away, if any. */
export async function pupilsGone(deps: Pick<RosterDeps, 'onPupilsGone'>, pupilIds: number[]): Promise<void> {
  if (pupilIds.length > 0) await deps.onPupilsGone?.(pupilIds);
}

/** What an applied import hands to `onApplied`: the whole file as read, not only what changed. */
export interface RosterApplied {
  schoolId: number;
  boardId: number;
  importId: number;
  roster: EdexRoster;
  now: string;
}
export type RosterAppliedHook = (trx: Kysely<Database>, applied: RosterApplied) => Promise<void>;

/**
 * Undo may only take back the import applied last, so the order of application must be
 * unambiguous even when two imports land within one clock tick: each school's applied_at
 * strictly increases.
 */
function nextApplicationTime(now: string, last: string | null): string {
  if (last === null || now > last) return now;
  return new Date(Date.parse(last) + 1).toISOString();
}

/**
 * The log entry of the import being applied: a new one (an import applied at once is logged
 * only now, with its outcome), or the waiting entry a confirmation claimed.
 */
export type RunEntry = { insert: Insertable<ImportRunTable> } | { claimed: number };

/** Answers the id of the import's log entry. */
export async function applyAndLog(
  deps: Pick<RosterDeps, 'clock' | 'onApplied'>,
  trx: Kysely<Database>,
  args: { school: ImportSchool; state: SchoolState; plan: SyncPlan; run: RunEntry; actor: string; roster: EdexRoster },
): Promise<number> {
  const { school, state, plan, run, actor } = args;
  const scope = { schoolId: school.id };
  const now = isoNow(deps.clock);
  const outcome = { status: 'applied' as const, counts: JSON.stringify(plan.counts), applied_at: nextApplicationTime(now, state.lastAppliedAt) };
  const importId = 'insert' in run ? await insertRun(trx, { ...run.insert, ...outcome }) : run.claimed;
  await applyPlan(trx, state, plan, importId, now);
  if ('claimed' in run) await updateRun(trx, scope, importId, outcome);
  // Also when the plan changes nothing: facts beside the roster (the ECK status) may have changed.
  await deps.onApplied?.(trx, { schoolId: school.id, boardId: school.boardId, importId, roster: args.roster, now });
  // An unchanged file changed nothing: the import log records it, the audit log has nothing to say.
  if (planChangesNothing(plan)) return importId;
  await recordAudit(trx, deps.clock, {
    actor,
    action: 'roster.import.applied',
    boardId: school.boardId,
    schoolId: school.id,
    details: { importId, schoolYear: plan.schoolYear, counts: plan.counts },
  });
  return importId;
}
