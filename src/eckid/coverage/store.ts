/** Coverage snapshots: one row per school per day, replaced when the day is snapshotted again. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { emptyByReason, type Coverage, type Snapshot } from './compute.js';

type Db = Kysely<Database>;

export async function saveSnapshot(db: Db, scope: { schoolId: number; boardId: number }, day: string, coverage: Coverage, now: string): Promise<void> {
  const values = {
    board_id: scope.boardId,
    pupils: coverage.pupils,
    with_eckid: coverage.withEckid,
    expected_without: coverage.expectedWithout,
    by_reason: JSON.stringify(coverage.byReason),
    taken_at: now,
  };
  await db.insertInto('eckid_coverage_snapshots').values({ school_id: scope.schoolId, day, ...values })
    .onConflict((oc) => oc.columns(['school_id', 'day']).doUpdateSet(values)).execute();
}

function toSnapshot(row: { school_id: number; day: string; pupils: number; with_eckid: number; expected_without: number; by_reason: string }): Snapshot {
  const pupils = Number(row.pupils);
  const withEckid = Number(row.with_eckid);
  const expectedWithout = Number(row.expected_without);
  return {
    schoolId: Number(row.school_id),
    day: row.day,
    coverage: {
      pupils, withEckid, expectedWithout, missing: pupils - withEckid - expectedWithout,
      share: pupils === 0 ? 1 : withEckid / pupils,
      byReason: { ...emptyByReason(), ...(JSON.parse(row.by_reason) as Partial<Coverage['byReason']>) },
    },
  };
}

/** Snapshots of one school, or of every school of a board, from `fromDay` on. */
export async function snapshotsSince(db: Db, scope: { schoolId: number } | { boardId: number }, fromDay: string): Promise<Snapshot[]> {
  let query = db.selectFrom('eckid_coverage_snapshots')
    .select(['school_id', 'day', 'pupils', 'with_eckid', 'expected_without', 'by_reason'])
    .where('day', '>=', fromDay);
  query = 'schoolId' in scope ? query.where('school_id', '=', scope.schoolId) : query.where('board_id', '=', scope.boardId);
  return (await query.orderBy('day').execute()).map(toSnapshot);
}
