/**
 * The pure diff engine on hand-built rosters and stored states: matching (LAS key, then ECK
 * iD), counts, the preview's Dutch field names, deactivation instead of deletion, and the guard.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EdexGroup, EdexPupil, EdexRoster, EdexStaff } from '../../src/roster/edexml/model.js';
import { checkGuard, diffRoster } from '../../src/roster/sync/diff.js';
import type { GroupRow, PupilRow, SchoolState, StaffRow } from '../../src/roster/sync/state.js';

const YEAR = '2026-2027';
const SCHOOL = 7;

function group(key: string, name: string, extra: Partial<EdexGroup> = {}): EdexGroup {
  return { key, name, kind: 'group', yearGroup: '5', description: null, line: 1, ...extra };
}

function pupil(key: string, lastName: string, groupKey: string | null, extra: Partial<EdexPupil> = {}): EdexPupil {
  return {
    key, eckid: `https://ketenid.nl/201703/${key}`, lastName, prefix: null, firstNames: 'Anna', initials: 'A', nickname: 'Anna',
    birthDate: '2017-03-01', gender: '2', yearGroup: '5', groupKey, subgroupKeys: [], locationKey: null, line: 1, ...extra,
  };
}

function staffMember(key: string, extra: Partial<EdexStaff> = {}): EdexStaff {
  return { key, eckid: null, lastName: 'Jansen', prefix: null, firstNames: 'Piet', initials: 'P', nickname: null, email: `${key}@school.nl`, roles: ['LRK'], groups: [], line: 1, ...extra };
}

function roster(parts: Partial<Pick<EdexRoster, 'groups' | 'pupils' | 'staff'>>): EdexRoster {
  return {
    version: '2.1',
    school: { schoolYear: YEAR, brin: '12AB', locationCode: '00', schoolkey: null, instellingsnummer: null, createdAt: null, xsdVersion: '2.1' },
    locations: [], groups: parts.groups ?? [], pupils: parts.pupils ?? [], staff: parts.staff ?? [],
  };
}

let nextId = 100;
function groupRow(key: string, name: string, extra: Partial<GroupRow> = {}): GroupRow {
  return { id: nextId++, school_id: SCHOOL, school_year: YEAR, las_key: key, kind: 'group', name, year_group: '5', description: null, active: 1, created_import_id: 1, ...extra };
}

/** The row an earlier import of `p` would have stored. */
function pupilRow(p: EdexPupil, groupId: number | null, extra: Partial<PupilRow> = {}): PupilRow {
  return {
    id: nextId++, school_id: SCHOOL, las_key: p.key, eckid: p.eckid, last_name: p.lastName, prefix: p.prefix, first_names: p.firstNames,
    initials: p.initials, nickname: p.nickname, active: 1, deactivated_at: null, created_import_id: 1, updated_at: '2026-09-01T00:00:00.000Z',
    birth_date: p.birthDate, gender: p.gender, year_group: p.yearGroup, group_id: groupId, location_id: null, subgroup_ids: [], ...extra,
  };
}

function staffRow(s: EdexStaff, extra: Partial<StaffRow> = {}): StaffRow {
  return {
    id: nextId++, school_id: SCHOOL, las_key: s.key, eckid: s.eckid, last_name: s.lastName, prefix: s.prefix, first_names: s.firstNames,
    initials: s.initials, nickname: s.nickname, active: 1, deactivated_at: null, created_import_id: 1, updated_at: '2026-09-01T00:00:00.000Z',
    email: s.email, roles: JSON.stringify([...s.roles].sort()), group_ids: [], ...extra,
  };
}

const state = (parts: Partial<Omit<SchoolState, 'schoolId'>>): SchoolState => ({ schoolId: SCHOOL, locations: [], groups: [], pupils: [], staff: [], lastAppliedAt: null, ...parts });

test('a first import adds everything', () => {
  const file = roster({ groups: [group('g5', 'Groep 5'), group('plus', 'Plusklas', { kind: 'subgroup', yearGroup: null })], pupils: [pupil('p1', 'Visser', 'g5', { subgroupKeys: ['plus'] }), pupil('p2', 'Bakker', 'g5')], staff: [staffMember('t1', { groups: [{ key: 'g5', kind: 'group' }] })] });
  const plan = diffRoster(state({}), file);
  assert.deepEqual(plan.counts.pupils, { added: 2, updated: 0, deactivated: 0, unchanged: 0, moved: 0 });
  assert.deepEqual(plan.counts.groups, { added: 2, updated: 0, deactivated: 0, unchanged: 0 });
  assert.deepEqual(plan.counts.staff, { added: 1, updated: 0, deactivated: 0, unchanged: 0 });
  assert.equal(plan.pupils.insert[0].groupKey, 'g5');
  assert.deepEqual(plan.pupils.insert[0].subgroupKeys, ['plus']);
  assert.deepEqual(plan.changes.pupils.map((c) => [c.kind, c.displayName, c.toGroup]), [['added', 'Anna Visser', 'Groep 5'], ['added', 'Anna Bakker', 'Groep 5']]);
});

test('the stored state of a file diffs as unchanged, whatever the order of roles', () => {
  const g5 = groupRow('g5', 'Groep 5');
  const p1 = pupil('p1', 'Visser', 'g5');
  const t1 = staffMember('t1', { roles: ['LRK', 'IB'], groups: [{ key: 'g5', kind: 'group' }] });
  const stored = state({ groups: [g5], pupils: [pupilRow(p1, g5.id)], staff: [staffRow({ ...t1, roles: ['IB', 'LRK'] }, { group_ids: [g5.id] })] });
  const plan = diffRoster(stored, roster({ groups: [group('g5', 'Groep 5')], pupils: [p1], staff: [t1] }));
  assert.deepEqual(plan.counts.pupils, { added: 0, updated: 0, deactivated: 0, unchanged: 1, moved: 0 });
  assert.deepEqual(plan.counts.groups, { added: 0, updated: 0, deactivated: 0, unchanged: 1 });
  assert.deepEqual(plan.counts.staff, { added: 0, updated: 0, deactivated: 0, unchanged: 1 });
  assert.deepEqual([plan.pupils, plan.groups, plan.staff].map((k) => k.insert.length + k.update.length + k.deactivate.length), [0, 0, 0]);
});

test('renames, moves, subgroup changes, leavers and returners are named in Dutch', () => {
  const g5 = groupRow('g5', 'Groep 5');
  const g6 = groupRow('g6', 'Groep 6', { year_group: '6' });
  const plus = groupRow('plus', 'Plusklas', { kind: 'subgroup', year_group: null });
  const [renamed, mover, clustered, leaver, returner] = [pupil('p1', 'Visser', 'g5'), pupil('p2', 'Bakker', 'g5'), pupil('p3', 'Smit', 'g5'), pupil('p4', 'Vos', 'g5'), pupil('p5', 'Mulder', 'g5')];
  const stored = state({
    groups: [g5, g6, plus],
    pupils: [pupilRow(renamed, g5.id), pupilRow(mover, g5.id), pupilRow(clustered, g5.id), pupilRow(leaver, g5.id), pupilRow(returner, g5.id, { active: 0, deactivated_at: '2026-01-01T00:00:00.000Z' })],
  });
  const file = roster({
    groups: [group('g5', 'Groep 5'), group('g6', 'Groep 6', { yearGroup: '6' }), group('plus', 'Plusklas', { kind: 'subgroup', yearGroup: null })],
    pupils: [{ ...renamed, lastName: 'Visser-de Wit', nickname: 'Ans' }, { ...mover, groupKey: 'g6' }, { ...clustered, subgroupKeys: ['plus'] }, returner],
  });
  const plan = diffRoster(stored, file);
  assert.deepEqual(plan.counts.pupils, { added: 0, updated: 4, deactivated: 1, unchanged: 0, moved: 1 });
  const byKey = new Map(plan.changes.pupils.map((c) => [c.lasKey, c]));
  assert.deepEqual(byKey.get('p1'), { kind: 'updated', lasKey: 'p1', displayName: 'Ans Visser-de Wit', fields: ['achternaam', 'roepnaam'], fromGroup: 'Groep 5', toGroup: 'Groep 5' });
  assert.deepEqual([byKey.get('p2')?.kind, byKey.get('p2')?.fields, byKey.get('p2')?.fromGroup, byKey.get('p2')?.toGroup], ['moved', ['groep'], 'Groep 5', 'Groep 6']);
  assert.deepEqual(byKey.get('p3')?.fields, ['samengestelde groepen']);
  assert.deepEqual([byKey.get('p4')?.kind, byKey.get('p4')?.fromGroup], ['deactivated', 'Groep 5']);
  assert.equal(byKey.get('p5')?.kind, 'reactivated');
  assert.deepEqual(plan.pupils.deactivate.map((row) => row.las_key), ['p4']);
  assert.equal(plan.pupils.update.find((u) => u.values.las_key === 'p3')?.membershipsChanged, true);
  assert.equal(plan.pupils.update.find((u) => u.values.las_key === 'p1')?.membershipsChanged, false);
});

test('a pupil whose LAS key changed is found by ECK iD; the preview names the field, never the value', () => {
  const g5 = groupRow('g5', 'Groep 5');
  const old = pupil('old-key', 'Visser', 'g5', { eckid: 'https://ketenid.nl/201703/secret-eck' });
  const stored = state({ groups: [g5], pupils: [pupilRow(old, g5.id)] });
  const plan = diffRoster(stored, roster({ groups: [group('g5', 'Groep 5')], pupils: [{ ...old, key: 'new-key' }] }));
  assert.deepEqual(plan.counts.pupils, { added: 0, updated: 1, deactivated: 0, unchanged: 0, moved: 0 });
  assert.equal(plan.pupils.update[0].before.las_key, 'old-key');
  assert.equal(plan.pupils.update[0].values.las_key, 'new-key');
  assert.deepEqual(plan.changes.pupils[0].fields, ['LAS-sleutel']);
  const withNewEckid = diffRoster(stored, roster({ groups: [group('g5', 'Groep 5')], pupils: [{ ...old, eckid: 'https://ketenid.nl/201703/other-eck' }] }));
  assert.deepEqual(withNewEckid.changes.pupils[0].fields, ['ECK iD']);
  assert.ok(!JSON.stringify([plan.changes, withNewEckid.changes]).includes('eck"'));
  assert.ok(!JSON.stringify([plan.changes, withNewEckid.changes]).includes('ketenid'));
});

test('a LAS key wins over an ECK iD', () => {
  const a = pupil('a', 'Visser', null, { eckid: 'e-a' });
  const b = pupil('b', 'Bakker', null, { eckid: 'e-b' });
  const stored = state({ pupils: [pupilRow(a, null), pupilRow(b, null)] });
  // The LAS swapped the ECK iDs: both stay matched by key, and both ECK iDs change.
  const plan = diffRoster(stored, roster({ pupils: [{ ...a, eckid: 'e-b' }, { ...b, eckid: 'e-a' }] }));
  assert.deepEqual(plan.pupils.update.map((u) => [u.before.las_key, u.values.las_key]), [['a', 'a'], ['b', 'b']]);
  assert.equal(plan.pupils.insert.length, 0);
});

test("groups are keyed per school year: last year's groups are deactivated, a returning group is reactivated", () => {
  const lastYear = groupRow('g5', 'Groep 5', { school_year: '2025-2026' });
  const dormant = groupRow('g6', 'Groep 6', { active: 0 });
  const plan = diffRoster(state({ groups: [lastYear, dormant] }), roster({ groups: [group('g5', 'Groep 5'), group('g6', 'Groep 6b')] }));
  assert.deepEqual(plan.counts.groups, { added: 1, updated: 1, deactivated: 1, unchanged: 0 });
  assert.deepEqual(plan.changes.groups.map((c) => [c.kind, c.lasKey, c.fields]), [['added', 'g5', []], ['updated', 'g6', ['naam', 'actief']], ['deactivated', 'g5', []]]);
});

test('staff: changed e-mail and groups are updates; a missing teacher is deactivated', () => {
  const g5 = groupRow('g5', 'Groep 5');
  const t1 = staffMember('t1');
  const t2 = staffMember('t2');
  const plan = diffRoster(state({ groups: [g5], staff: [staffRow(t1), staffRow(t2)] }), roster({ groups: [group('g5', 'Groep 5')], staff: [{ ...t1, email: 'nieuw@school.nl', groups: [{ key: 'g5', kind: 'group' }] }] }));
  assert.deepEqual(plan.counts.staff, { added: 0, updated: 1, deactivated: 1, unchanged: 0 });
  assert.deepEqual(plan.changes.staff.map((c) => [c.kind, c.lasKey, c.fields]), [['updated', 't1', ['e-mailadres', 'groepen']], ['deactivated', 't2', []]]);
});

test('the guard trips above the share of active pupils, and never for a school without pupils', () => {
  const stored = state({ pupils: Array.from({ length: 10 }, (_, i) => pupilRow(pupil(`p${i}`, 'Visser', null), null)) });
  const keep = (n: number) => roster({ pupils: Array.from({ length: n }, (_, i) => pupil(`p${i}`, 'Visser', null)) });
  assert.deepEqual(checkGuard(diffRoster(stored, keep(7)), 0.3), { activePupils: 10, wouldDeactivate: 3, limit: 0.3, tripped: false });
  assert.deepEqual(checkGuard(diffRoster(stored, keep(6)), 0.3), { activePupils: 10, wouldDeactivate: 4, limit: 0.3, tripped: true });
  assert.equal(checkGuard(diffRoster(state({}), keep(0)), 0.3).tripped, false);
});
