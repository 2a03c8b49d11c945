/**
 * SQL for the pupils an undone import added but that must not be deleted: the disclosure ledger
 * names them. The ledger is evidence (which pupil's data went to which publisher, and when) and
 * shows the pupil's name from her row; deleting the row would leave entries nobody can put a name
 * to. Such a pupil stays, inactive and in no group, as if she had left.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { chunked } from './store-batches.js';

type Scope = { schoolId: number };

/** The pupils this import added that the disclosure ledger names; one pass over the school's entries. */
export async function addedPupilsInLedger(db: Kysely<Database>, scope: Scope, importId: number): Promise<number[]> {
  const added = db.selectFrom('pupils').select('id').where('school_id', '=', scope.schoolId).where('created_import_id', '=', importId);
  const rows = await db
    .selectFrom('disclosure_ledger')
    .select('subject_id')
    .distinct()
    .where('school_id', '=', scope.schoolId)
    .where('subject_kind', '=', 'pupil')
    .where('subject_id', 'in', added)
    .execute();
  return rows.map((row) => Number(row.subject_id));
}

/**
 * Keeps these added pupils as inactive, in no group or vestiging (those may go with the undo) and
 * no longer marked as added by the import, so the undo does not delete them.
 */
export async function keepInactive(db: Kysely<Database>, scope: Scope, pupilIds: number[], now: string): Promise<void> {
  for (const chunk of chunked(pupilIds, 1)) {
    await db.deleteFrom('pupil_subgroups').where('school_id', '=', scope.schoolId).where('pupil_id', 'in', chunk).execute();
    await db
      .updateTable('pupils')
      .set({ active: 0, deactivated_at: now, updated_at: now, group_id: null, location_id: null, created_import_id: null })
      .where('school_id', '=', scope.schoolId)
      .where('id', 'in', chunk)
      .execute();
  }
}
