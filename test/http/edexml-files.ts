/** EDEXML files for the HTTP tests, made by the project's generator for a given school. */
import { generateSchoolRoster, writeEdexml, type GeneratedRoster } from '../../src/roster/generator/index.js';

export function rosterFor(school: { brin: string; locationCode: string }, options: { seed?: number; pupils?: number } = {}): GeneratedRoster {
  return generateSchoolRoster({ seed: options.seed ?? 7, brin: school.brin, locationCode: school.locationCode, pupils: options.pupils ?? 24 });
}

export function fileOf(roster: GeneratedRoster): Buffer {
  return writeEdexml(roster);
}

/** The same roster without the last `count` pupils: a truncated export. */
export function withoutLastPupils(roster: GeneratedRoster, count: number): GeneratedRoster {
  return { ...roster, pupils: roster.pupils.slice(0, roster.pupils.length - count) };
}

/** Every ECK iD and BSN in a roster: none of them may ever appear on a page. */
export function identifiersOf(roster: GeneratedRoster): string[] {
  const people = [...roster.pupils, ...roster.staff];
  const eckids = people.map((person) => person.eckid).filter((id): id is string => Boolean(id));
  const bsns = roster.pupils.map((pupil) => pupil.bsn).filter((bsn): bsn is string => Boolean(bsn));
  return [...eckids, ...bsns];
}
