/** A school with an applied roster (groups and pupils), for the pupil login tests. */
import { stableRoster } from '../helpers/rosters.js';
import { writeEdexml } from '../../src/roster/generator/index.js';
import { randomBytes } from 'node:crypto';
import { createTestSchool, type TestApp } from '../helpers/app.js';

export async function schoolWithPupils(t: TestApp, pupils = 24) {
  const school = await createTestSchool(t.capabilities);
  const roster = stableRoster(school, { seed: 11, pupils });
  const summary = await t.capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId: school.id, actor: 'test', content: writeEdexml(roster), fileName: null });
  if (summary.status !== 'applied') throw new Error(`roster import ended as ${summary.status}`);
  const scope = { schoolId: school.id };
  const groups = await t.capabilities.pupilAccess.groups(scope);
  // The stamgroep with the most pupils, so tests have several pupils in one class.
  let best = { group: groups[0], pupils: await t.capabilities.pupilAccess.pupilsOfGroup(scope, groups[0].id) };
  for (const group of groups.filter((g) => g.kind === 'group')) {
    const listing = await t.capabilities.pupilAccess.pupilsOfGroup(scope, group.id);
    if (listing.length > best.pupils.length || best.group.kind !== 'group') best = { group, pupils: listing };
  }
  return { school, scope, roster, groups, group: best.group, pupils: best.pupils };
}

/** Device ids and addresses are shared state in a long-lived PostgreSQL test database: make them unique. */
export const uniqueDevice = (name: string) => `${name}-${randomBytes(6).toString('hex')}`;
export function uniqueIpv4(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2] % 250 + 1}`;
}
