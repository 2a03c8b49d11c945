/** A roster with Leerpoort's ECK-status blocks, and importing it: shared by the readiness tests. */
import assert from 'node:assert/strict';
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';
import type { School } from '../../src/organisations/index.js';
import type { TestApp } from '../helpers/app.js';

type Roster = ReturnType<typeof generateSchoolRoster>;

/** A roster where half the pupils lack an ECK iD, each with a different LAS status. */
export function rosterWithStatuses(school: Pick<School, 'brin' | 'locationCode'>, pupils = 30): Roster {
  const roster = generateSchoolRoster({ seed: 5, brin: school.brin, locationCode: school.locationCode, pupils, withEckidShare: 0.5, subgroups: false });
  roster.school.eckStatus = { lasProduct: 'ParnasSys', eckidInstruction: 'ja', fundedSchoolType: 'ja' };
  const statuses = [
    { enrolment: 'aangemeld', funded: null, duoExchange: null, duoMessage: null },
    { enrolment: 'ingeschreven', funded: 'ja', duoExchange: 'fout', duoMessage: 'BSN komt niet overeen met de geboortedatum' },
    { enrolment: 'ingeschreven', funded: 'ja', duoExchange: 'uitgewisseld', duoMessage: null },
    { enrolment: 'ingeschreven', funded: 'nee', duoExchange: 'niet_uitgewisseld', duoMessage: null },
  ];
  let i = 0;
  for (const pupil of roster.pupils) {
    if (pupil.eckid !== null) pupil.eckStatus = { enrolment: 'ingeschreven', funded: 'ja', duoExchange: 'terugkoppeling_opgehaald', duoMessage: null };
    else if (i < statuses.length) pupil.eckStatus = statuses[i++];
    else i++; // the rest: no status at all (onbekend)
  }
  return roster;
}

export async function importFile(t: TestApp, school: School, roster: Roster) {
  const summary = await t.capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId: school.id, actor: 'test', content: writeEdexml(roster), fileName: null });
  assert.equal(summary.status, 'applied', JSON.stringify(summary.errors));
}
