/**
 * Taking the ECK status in: from an applied EDEXML import (the toevoegingen blocks) and from
 * the LAS status API (status-api.ts). Values were checked by the reader or the API schema;
 * here they only become facts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { RosterApplied } from '../../roster/index.js';
import { lasProductOf, yesNo, type DuoExchange, type Enrolment, type PupilEckFacts } from './facts.js';
import { pupilIdsByKey, replacePupilStatuses, saveSchoolStatus, type PupilStatusRow } from './store.js';

/** Raw values as a LAS writes them (EDEXML element values, or the same words in JSON). */
export interface RawPupilStatus {
  enrolment: string | null;
  funded: string | null;
  duoExchange: string | null;
  duoMessage: string | null;
}

export interface RawSchoolStatus {
  lasProduct: string | null;
  eckidInstruction: string | null;
  fundedSchoolType: string | null;
}

export function pupilFactsOf(raw: RawPupilStatus): PupilEckFacts {
  return {
    enrolment: (raw.enrolment ?? null) as Enrolment | null,
    funded: yesNo(raw.funded),
    duoExchange: (raw.duoExchange ?? null) as DuoExchange | null,
    // A message only means something with an error; DUO's text is kept as DUO wrote it.
    duoMessage: raw.duoMessage?.trim() || null,
  };
}

export async function saveRawSchoolStatus(db: Kysely<Database>, scope: { schoolId: number }, raw: RawSchoolStatus, source: string, now: string) {
  await saveSchoolStatus(db, scope, {
    lasProduct: lasProductOf(raw.lasProduct),
    lasProductName: raw.lasProduct?.trim() || null,
    lasInstructed: yesNo(raw.eckidInstruction),
    fundedSchoolType: yesNo(raw.fundedSchoolType),
  }, source, now);
}

/**
 * Statuses keyed by LAS key → rows by pupil id. Keys the school does not know are answered
 * back (the API reports them; an import never has any, its pupils were just written).
 */
export async function saveRawPupilStatuses(db: Kysely<Database>, scope: { schoolId: number }, statuses: ReadonlyMap<string, RawPupilStatus>, source: string, now: string) {
  const ids = await pupilIdsByKey(db, scope);
  const rows: PupilStatusRow[] = [];
  const unknownKeys: string[] = [];
  for (const [key, raw] of statuses) {
    const pupilId = ids.get(key);
    if (pupilId === undefined) unknownKeys.push(key);
    else rows.push({ pupilId, ...pupilFactsOf(raw) });
  }
  await replacePupilStatuses(db, scope, rows, source, now);
  return { saved: rows.length, unknownKeys };
}

/**
 * After an import: the file's blocks replace what an earlier file said. A file without any
 * Leerpoort block leaves the statuses alone (they may come through the status API instead).
 */
export async function recordFromRoster(trx: Kysely<Database>, applied: RosterApplied): Promise<void> {
  const scope = { schoolId: applied.schoolId };
  const { roster, now } = applied;
  if (roster.school.eckStatus) await saveRawSchoolStatus(trx, scope, roster.school.eckStatus, 'edexml', now);
  const statuses = new Map<string, RawPupilStatus>();
  for (const pupil of roster.pupils) if (pupil.eckStatus) statuses.set(pupil.key, pupil.eckStatus);
  if (statuses.size > 0) await saveRawPupilStatuses(trx, scope, statuses, 'edexml', now);
}
