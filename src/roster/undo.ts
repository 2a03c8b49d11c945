/**
 * Undo of an applied import: every row it updated or deactivated gets its journalled
 * before-state back (memberships included), every row it added is deleted, in one
 * transaction. Only the school's import applied last can be undone — an older one would
 * overwrite what came after it. An added pupil the disclosure ledger names is kept, inactive,
 * instead of deleted (store-undo.ts). Anything else that still refers to an added row makes the
 * whole undo fail with `roster.undo_blocked`, changing nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { isoNow } from '../lib/clock.js';
import { AppError, isAppError } from '../lib/errors.js';
import { isConstraintViolation } from '../db/index.js';
import { pupilsGone, type RosterDeps } from './apply-and-log.js';
import { claimRun, journalOf, latestAppliedRun, lockSchool, runById, type ImportRunRow, type JournalRow } from './store-imports.js';
import { deleteAddedRows, deleteMemberships, insertMemberships, updateRow, type RosterTable } from './store-roster-write.js';
import { schoolById } from './store-schools.js';
import { addedPupilsInLedger, keepInactive } from './store-undo.js';
import { toImportRecord } from './summary.js';
import type { GroupRow, LocationRow, PupilRow, StaffRow } from './sync/state.js';
import type { SchoolScope, UndoneImport } from './types.js';

const notPossible = (reason: string) => new AppError('roster.undo_not_possible', { reason });

const reasonForStatus: Record<string, string> = {
  preview: 'hij is nog niet toegepast (het is een voorbeeld).',
  held: 'hij is nog niet toegepast (hij wacht op bevestiging).',
  refused: 'het bestand is geweigerd; er is toen niets gewijzigd.',
  reverted: 'hij is al ongedaan gemaakt.',
  discarded: 'hij is verworpen; er is toen niets gewijzigd.',
};

const tableOf: Record<JournalRow['entity'], RosterTable> = { location: 'locations', group: 'groups', pupil: 'pupils', staff: 'staff' };

/** Order of application: applied_at strictly increases per school; the id only breaks ties in old data. */
function appliedLater(a: Pick<ImportRunRow, 'id' | 'applied_at'>, b: Pick<ImportRunRow, 'id' | 'applied_at'>): boolean {
  const [ta, tb] = [a.applied_at ?? '', b.applied_at ?? ''];
  return ta > tb || (ta === tb && a.id > b.id);
}

type AnyRow = LocationRow | GroupRow | PupilRow | StaffRow;

/** Puts the journalled rows back; returns the memberships to restore per kind. */
async function restoreRows(trx: Kysely<Database>, scope: SchoolScope, journal: JournalRow[]) {
  const subgroups = new Map<number, number[]>();
  const staffGroups = new Map<number, number[]>();
  // Journal order is structure first, so a restored person finds its groups as they were.
  for (const entry of journal) {
    const before = JSON.parse(entry.before) as AnyRow;
    const { id: _id, school_id: _school, created_import_id: _created, ...columns } = before;
    if ('subgroup_ids' in columns) {
      const { subgroup_ids, ...pupil } = columns;
      subgroups.set(entry.entity_id, subgroup_ids);
      await updateRow(trx, scope, 'pupils', entry.entity_id, pupil);
    } else if ('group_ids' in columns) {
      const { group_ids, ...member } = columns;
      staffGroups.set(entry.entity_id, group_ids);
      await updateRow(trx, scope, 'staff', entry.entity_id, member);
    } else {
      await updateRow(trx, scope, tableOf[entry.entity], entry.entity_id, columns);
    }
  }
  return { subgroups, staffGroups };
}

/** Pupils the undone import had brought back (journalled inactive): inactive again now. */
function inactiveAgain(journal: JournalRow[]): number[] {
  return journal.filter((entry) => entry.entity === 'pupil' && (JSON.parse(entry.before) as PupilRow).active === 0).map((entry) => entry.entity_id);
}

async function restoreMemberships(trx: Kysely<Database>, scope: SchoolScope, table: 'pupil_subgroups' | 'staff_groups', memberships: Map<number, number[]>) {
  await deleteMemberships(trx, scope, table, [...memberships.keys()]);
  await insertMemberships(trx, scope, table, [...memberships].flatMap(([owner, groups]) => groups.map((group): [number, number] => [owner, group])));
}

export function createUndoUseCase(deps: RosterDeps) {
  const { db, clock } = deps;

  return async function undoImport(scope: SchoolScope, importId: number, actor: string): Promise<UndoneImport> {
    let gone: number[] = [];
    const record = await db.transaction().execute(async (trx) => {
      const now = isoNow(clock);
      await lockSchool(trx, scope);
      if (!(await claimRun(trx, scope, importId, ['applied'], { status: 'reverted', reverted_at: now, reverted_by: actor }))) {
        const run = await runById(trx, scope, importId);
        if (!run) throw new AppError('roster.import_not_found');
        throw notPossible(reasonForStatus[run.status]);
      }
      const run = await runById(trx, scope, importId);
      if (!run) throw new AppError('roster.import_not_found');
      const latest = await latestAppliedRun(trx, scope);
      if (latest && appliedLater(latest, run)) {
        // Throwing rolls the claim above back as well.
        throw notPossible('er is daarna nog een import toegepast. Alleen de laatst toegepaste import kan ongedaan worden gemaakt.');
      }
      const journal = await journalOf(trx, scope, importId);
      const kept = await addedPupilsInLedger(trx, scope, importId);
      await keepInactive(trx, scope, kept, now);
      // People this import added go first: restored people may then take back their old LAS keys.
      const removed = await deleteAddedRows(trx, scope, 'pupils', importId);
      await deleteAddedRows(trx, scope, 'staff', importId);
      const { subgroups, staffGroups } = await restoreRows(trx, scope, journal);
      await restoreMemberships(trx, scope, 'pupil_subgroups', subgroups);
      await restoreMemberships(trx, scope, 'staff_groups', staffGroups);
      // Groups and vestigingen it added last: nobody refers to them any more.
      await deleteAddedRows(trx, scope, 'groups', importId);
      await deleteAddedRows(trx, scope, 'locations', importId);
      const school = await schoolById(trx, scope);
      const details = kept.length > 0 ? { importId, keptInactivePupilIds: kept } : { importId };
      await recordAudit(trx, clock, { actor, action: 'roster.import.reverted', boardId: school?.boardId ?? null, schoolId: scope.schoolId, details });
      gone = [...removed, ...kept, ...inactiveAgain(journal)];
      return { ...toImportRecord(run, null), keptPupils: kept.length };
    }).catch((error: unknown) => {
      // Every known reference to an added row is handled above; one that is not (or a LAS key a
      // kept pupil still holds) must not reach the user as a database error. Nothing was changed.
      if (!isAppError(error) && isConstraintViolation(error)) throw new AppError('roster.undo_blocked');
      throw error;
    });
    await pupilsGone(deps, gone);
    return record;
  };
}
