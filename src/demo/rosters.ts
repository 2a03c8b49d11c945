/**
 * The demo's EDEXML files: two schools of one board as their LAS would export them, and a
 * later export of the first school (a few pupils left, a few arrived, two moved class, one
 * name corrected) so a new user can upload it and see what a preview diff looks like.
 */
import { generateSchoolRoster, type GeneratedRoster } from '../roster/generator/index.js';

export const DEMO_BOARD = { number: '41234', name: 'Stichting Demo Onderwijs' } as const;

export interface DemoSchool {
  brin: string;
  locationCode: string;
  name: string;
  /** The file name under data/demo/. */
  fileName: string;
  pupils: number;
  seed: number;
  address: { street: string; houseNumber: string; postcode: string; city: string };
}

// BRIN codes starting with 99X are not in use by real schools, so the demo never clashes.
export const DEMO_SCHOOLS: readonly DemoSchool[] = [
  {
    brin: '99XA', locationCode: '00', name: 'OBS De Regenboog', fileName: '99XA00-de-regenboog.xml', pupils: 212, seed: 20261,
    address: { street: 'Kerkstraat', houseNumber: '12', postcode: '3511AB', city: 'Utrecht' },
  },
  {
    brin: '99XB', locationCode: '00', name: 'CBS Het Kompas', fileName: '99XB00-het-kompas.xml', pupils: 168, seed: 20262,
    address: { street: 'Kastanjelaan', houseNumber: '3', postcode: '3512CD', city: 'Utrecht' },
  },
];

export const CHANGED_FILE_NAME = '99XA00-de-regenboog-na-de-herfstvakantie.xml';

export const demoRoster = (school: DemoSchool): GeneratedRoster =>
  withEckStatus(generateSchoolRoster({ seed: school.seed, brin: school.brin, locationCode: school.locationCode, pupils: school.pupils }), school);

/** Demo LAS statuses (Leerpoort's toevoegingen blocks), so the ECK iD readiness pages show every kind of reason. */
const DEMO_PUPIL_STATUSES = [
  { enrolment: 'aangemeld', funded: null, duoExchange: null, duoMessage: null },
  { enrolment: 'ingeschreven', funded: 'ja', duoExchange: 'uitgewisseld', duoMessage: null },
  { enrolment: 'ingeschreven', funded: 'ja', duoExchange: 'fout', duoMessage: 'Combinatie BSN en geboortedatum onbekend bij DUO' },
  { enrolment: 'ingeschreven', funded: 'nee', duoExchange: 'niet_uitgewisseld', duoMessage: null },
  null, // no status from the LAS: "onbekend"
];

function withEckStatus(roster: GeneratedRoster, school: DemoSchool): GeneratedRoster {
  // The second school's LAS was never told to fetch ECK iDs: every missing one says so, with the step for ESIS.
  const first = school === DEMO_SCHOOLS[0];
  roster.school.eckStatus = { lasProduct: first ? 'ParnasSys' : 'ESIS', eckidInstruction: first ? 'ja' : 'nee', fundedSchoolType: 'ja' };
  let i = 0;
  for (const pupil of roster.pupils) {
    const status = pupil.eckid !== null
      ? { enrolment: 'ingeschreven', funded: 'ja', duoExchange: 'terugkoppeling_opgehaald', duoMessage: null }
      : DEMO_PUPIL_STATUSES[i++ % DEMO_PUPIL_STATUSES.length];
    if (status) pupil.eckStatus = status;
  }
  return roster;
}

/**
 * The first school a few weeks later. Small enough that the import guard lets it through,
 * varied enough that every kind of change shows in the preview.
 */
export function changedDemoRoster(school: DemoSchool): GeneratedRoster {
  const roster = demoRoster(school);
  const newcomers = generateSchoolRoster({ seed: school.seed + 1000, brin: school.brin, locationCode: school.locationCode, pupils: 40 });
  const stamgroepen = roster.groups.filter((group) => group.kind === 'group');

  const leaving = new Set(roster.pupils.filter((_, i) => i % 40 === 7).map((pupil) => pupil.key));
  const pupils = roster.pupils.filter((pupil) => !leaving.has(pupil.key));

  // Two pupils move to the parallel class of their year (or any other class when there is none).
  for (const pupil of pupils.filter((_, i) => i % 90 === 30).slice(0, 2)) {
    const others = stamgroepen.filter((group) => group.key !== pupil.groupKey);
    const target = others.find((group) => group.yearGroup === pupil.yearGroup) ?? others[0];
    if (target) pupil.groupKey = target.key;
  }
  // Parents asked the school to register both surnames (a common correction after enrolment).
  const [corrected, otherParent] = [pupils[5], pupils[6]];
  if (corrected && otherParent) corrected.lastName = `${corrected.lastName}-${otherParent.lastName}`;

  const keyBase = Math.max(...roster.pupils.map((pupil) => Number(pupil.key))) + 1;
  const arriving = newcomers.pupils.slice(0, 4).map((pupil, i) => {
    const group = stamgroepen.find((candidate) => candidate.yearGroup === pupil.yearGroup) ?? stamgroepen[0];
    return { ...pupil, key: String(keyBase + i), groupKey: group.key, yearGroup: group.yearGroup, subgroupKeys: [], locationKey: roster.locations[0].key };
  });
  return { ...roster, pupils: [...pupils, ...arriving] };
}
