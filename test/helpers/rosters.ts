/**
 * A generated roster for a test school that is the same in every run. The generator is seeded
 * by its options including the BRIN, and tests use a random BRIN to isolate their data; so the
 * roster is generated for a fixed code and then moved to the test's school. ECK iDs stay unique
 * per school (they are derived again from the real BRIN), as they would be in real rosters.
 */
import { createHash } from 'node:crypto';
import { generateSchoolRoster, type GenerateSchoolOptions } from '../../src/roster/generator/index.js';

const FIXED_CODE = { brin: '00TA', locationCode: '00' };
const ECKID_PREFIX = 'https://ketenid.nl/201703/';

export function stableRoster(school: { brin: string; locationCode: string }, options: Omit<GenerateSchoolOptions, 'brin' | 'locationCode'>) {
  const roster = generateSchoolRoster({ ...options, ...FIXED_CODE });
  roster.school.brin = school.brin;
  roster.school.locationCode = school.locationCode;
  const moved = (eckid: string | null) => (eckid ? ECKID_PREFIX + createHash('sha512').update(`${school.brin}${school.locationCode}\0${eckid}`).digest('hex') : null);
  for (const pupil of roster.pupils) pupil.eckid = moved(pupil.eckid);
  for (const member of roster.staff) member.eckid = moved(member.eckid);
  return roster;
}
