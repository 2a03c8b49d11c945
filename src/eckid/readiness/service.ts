/**
 * The ECK iD readiness service: per pupil the reason an ECK iD is missing, coverage per school
 * and board with its trend, the board's agreement with the Nummervoorziening, the CSV export,
 * and taking in the LAS's status (import hook and status API). docs/eckid-readiness.md.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { recordAudit } from '../../audit/index.js';
import { isoNow, type Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { RosterApplied } from '../../roster/index.js';
import { computeCoverage, dayOf, schoolYearStart, sumCoverage, trend, weightedCoverage, type Coverage, type TrendPoint } from '../coverage/compute.js';
import { saveSnapshot, snapshotsSince } from '../coverage/store.js';
import type { BoardEckFacts, SchoolEckFacts } from './facts.js';
import { recordFromRoster, saveRawPupilStatuses, saveRawSchoolStatus, type RawPupilStatus, type RawSchoolStatus } from './record.js';
import { readinessReason, type Reason } from './rules.js';
import { boardFacts, pupilsOfSchool, saveBoardAgreement, schoolFacts, schoolOfBoard, schoolsOfBoard, statusGroups, type PupilReadinessRow } from './store.js';

export interface PupilReadiness extends Omit<PupilReadinessRow, 'facts'> {
  name: string;
  reason: Reason | null;
}

export interface SchoolReadiness {
  school: { id: number; boardId: number; name: string; brin: string; locationCode: string };
  schoolFacts: SchoolEckFacts & { lasProductName: string | null; updatedAt: string | null };
  boardFacts: BoardEckFacts & { setBy: string | null; setAt: string | null };
  pupils: PupilReadiness[];
  coverage: Coverage;
  trend: TrendPoint[];
}

export interface BoardReadiness {
  board: { id: number; name: string; number: string };
  boardFacts: BoardEckFacts & { setBy: string | null; setAt: string | null };
  schools: { id: number; name: string; brin: string; locationCode: string; coverage: Coverage }[];
  missing: (PupilReadiness & { schoolName: string })[];
  coverage: Coverage;
  trend: TrendPoint[];
}

export function pupilName(row: Pick<PupilReadinessRow, 'nickname' | 'firstNames' | 'prefix' | 'lastName'>): string {
  return [row.nickname || row.firstNames, row.prefix, row.lastName].filter(Boolean).join(' ');
}

export function createEckidReadinessService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;

  async function requireSchool(trx: Kysely<Database>, schoolId: number) {
    const school = await schoolOfBoard(trx, { schoolId });
    if (!school) throw new AppError('eckid_readiness.school_not_found');
    return school;
  }

  /** Reasons for the school's active pupils (one group when groupId is given). */
  async function assess(trx: Kysely<Database>, school: { id: number; boardId: number }, groupId?: number) {
    const [sFacts, bFacts, rows] = await Promise.all([
      schoolFacts(trx, { schoolId: school.id }), boardFacts(trx, { boardId: school.boardId }), pupilsOfSchool(trx, { schoolId: school.id, groupId }),
    ]);
    const pupils: PupilReadiness[] = rows.map(({ facts, ...row }) => ({
      ...row, name: pupilName(row), reason: readinessReason(row.hasEckid, { pupil: facts, school: sFacts, board: bFacts }),
    }));
    return { sFacts, bFacts, pupils };
  }

  /** Today's snapshot of one school (replaces an earlier one of the same day). */
  async function snapshotSchool(trx: Kysely<Database>, schoolId: number): Promise<Coverage> {
    const school = await requireSchool(trx, schoolId);
    const [sFacts, bFacts, groups] = await Promise.all([schoolFacts(trx, { schoolId }), boardFacts(trx, { boardId: school.boardId }), statusGroups(trx, { schoolId })]);
    const coverage = weightedCoverage(groups.map((group) => ({
      reason: readinessReason(group.hasEckid, { pupil: group.facts, school: sFacts, board: bFacts }), count: group.count,
    })));
    await saveSnapshot(trx, { schoolId, boardId: school.boardId }, dayOf(clock.now()), coverage, isoNow(clock));
    return coverage;
  }

  async function schoolReadiness(schoolId: number): Promise<SchoolReadiness> {
    const school = await requireSchool(db, schoolId);
    const { sFacts, bFacts, pupils } = await assess(db, school);
    const since = schoolYearStart(dayOf(clock.now()));
    return {
      school, schoolFacts: sFacts, boardFacts: bFacts, pupils,
      coverage: computeCoverage(pupils.map((pupil) => pupil.reason)),
      trend: trend(await snapshotsSince(db, { schoolId }, since)),
    };
  }

  async function boardReadiness(boardId: number): Promise<BoardReadiness> {
    const board = await db.selectFrom('boards').select(['id', 'name', 'number']).where('id', '=', boardId).executeTakeFirst();
    if (!board) throw new AppError('eckid_readiness.board_not_found');
    const bFacts = await boardFacts(db, { boardId });
    const schools: BoardReadiness['schools'] = [];
    const missing: BoardReadiness['missing'] = [];
    for (const school of await schoolsOfBoard(db, { boardId })) {
      const { pupils } = await assess(db, { id: school.id, boardId });
      schools.push({ ...school, coverage: computeCoverage(pupils.map((pupil) => pupil.reason)) });
      for (const pupil of pupils) if (pupil.reason !== null) missing.push({ ...pupil, schoolName: school.name });
    }
    const since = schoolYearStart(dayOf(clock.now()));
    return {
      board: { id: Number(board.id), name: board.name, number: board.number }, boardFacts: bFacts, schools, missing,
      coverage: sumCoverage(schools.map((school) => school.coverage)),
      trend: trend(await snapshotsSince(db, { boardId }, since)),
    };
  }

  /** "ECK iD ontbreekt: <reason>" per pupil of one group, for the teacher's group overview. */
  async function groupReasonLabels(scope: { schoolId: number }, groupId: number): Promise<Map<number, string>> {
    const school = await requireSchool(db, scope.schoolId);
    const { pupils } = await assess(db, school, groupId);
    return new Map(pupils.filter((pupil) => pupil.reason !== null).map((pupil) => [pupil.pupilId, pupil.reason!.label]));
  }

  /** The operator or a board admin records whether the board has the agreement; every school is re-snapshotted. */
  async function setBoardAgreement(actor: string, boardId: number, agreement: boolean): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const board = await trx.selectFrom('boards').select('id').where('id', '=', boardId).executeTakeFirst();
      if (!board) throw new AppError('eckid_readiness.board_not_found');
      await saveBoardAgreement(trx, { boardId }, agreement, actor, isoNow(clock));
      await recordAudit(trx, clock, { actor, action: 'eckid.board_agreement.set', boardId, details: { agreement } });
      for (const school of await schoolsOfBoard(trx, { boardId })) await snapshotSchool(trx, school.id);
    });
  }

  /** The import hook (roster's onApplied): store the file's ECK status, then today's snapshot. */
  async function onRosterApplied(trx: Kysely<Database>, applied: RosterApplied): Promise<void> {
    await recordFromRoster(trx, applied);
    await snapshotSchool(trx, applied.schoolId);
  }

  /** The LAS status API: the school's facts and every pupil's status, replacing what was there. */
  async function receiveStatus(schoolId: number, actor: string, status: { school: RawSchoolStatus | null; pupils: ReadonlyMap<string, RawPupilStatus> }) {
    return db.transaction().execute(async (trx) => {
      const school = await requireSchool(trx, schoolId);
      const now = isoNow(clock);
      if (status.school) await saveRawSchoolStatus(trx, { schoolId }, status.school, 'api', now);
      const result = await saveRawPupilStatuses(trx, { schoolId }, status.pupils, 'api', now);
      await recordAudit(trx, clock, { actor, action: 'eckid.status.received', boardId: school.boardId, schoolId, details: { saved: result.saved, unknownKeys: result.unknownKeys.length } });
      const coverage = await snapshotSchool(trx, schoolId);
      return { ...result, coverage };
    });
  }

  /** The daily snapshot of every active school (scheduled; also `leerpoort eckid dekking`). */
  async function snapshotAll(): Promise<number> {
    const schools = await db.selectFrom('schools').select('id').where('active', '=', 1).execute();
    for (const school of schools) await db.transaction().execute((trx) => snapshotSchool(trx, Number(school.id)));
    return schools.length;
  }

  return { schoolReadiness, boardReadiness, groupReasonLabels, setBoardAgreement, onRosterApplied, receiveStatus, snapshotAll };
}

export type EckidReadinessService = ReturnType<typeof createEckidReadinessService>;
