/**
 * Which school a file is for: its BRIN + dependancecode (EDEXML `school`; an absent
 * dependancecode means 00). A file for an unknown, inactive or other school than the caller
 * acts for is refused, with a message that says what to do.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import type { EdexRoster, FileProblem } from './edexml/model.js';
import { schoolByCode, schoolById, schoolLabel, type ImportSchool } from './store-schools.js';
import { importProblem } from './summary.js';

export type SchoolChoice =
  | { ok: true; school: ImportSchool }
  /** `school`: the school the refused import is logged under, when there is one. */
  | { ok: false; problem: FileProblem; school: ImportSchool | null };

export async function chooseSchool(db: Kysely<Database>, roster: EdexRoster, requestedSchoolId: number | undefined): Promise<SchoolChoice> {
  const { brin, locationCode, instellingsnummer } = roster.school;
  const fileSchool = brin === null ? (instellingsnummer ?? '?') : `${brin}${locationCode}`;
  let school: ImportSchool | undefined;
  if (requestedSchoolId !== undefined) {
    school = await schoolById(db, { schoolId: requestedSchoolId });
    // The caller (route, CLI) passes a school it looked up itself; an unknown id is a caller bug.
    if (!school) throw new AppError('not_found');
    // Compared by code, without looking the file's school up: acting for school A says nothing about B.
    if (brin !== school.brin || locationCode !== school.locationCode) {
      const targetSchool = schoolLabel(school);
      return { ok: false, problem: importProblem('roster.school_mismatch', { fileSchool, targetSchool }), school };
    }
  } else {
    school = brin === null ? undefined : await schoolByCode(db, brin, locationCode);
    if (!school) {
      const params = brin === null ? { brin: fileSchool, locationCode: '' } : { brin, locationCode };
      return { ok: false, problem: importProblem('roster.school_not_found', params), school: null };
    }
  }
  if (!school.active) {
    return { ok: false, problem: importProblem('roster.school_inactive', { school: schoolLabel(school) }), school };
  }
  return { ok: true, school };
}
