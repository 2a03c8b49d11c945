/** Who may manage a group's pupils: operator, school managers, IB/RT of the school, teacher/trainee of that group. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor, StaffRoleGrant } from '../../src/accounts/index.js';
import { canManageGroup, groupsVisibleTo } from '../../src/classroom/permissions.js';

const staff = (roles: StaffRoleGrant[], managedSchoolIds: number[] = []): Actor => ({ kind: 'staff', accountId: 1, label: 'Juf', roles, managedSchoolIds });
const grant = (role: StaffRoleGrant['role'], schoolId: number, groupId: number | null = null): StaffRoleGrant => ({ role, schoolId, boardId: null, groupId });

test('group permission per actor', () => {
  assert.ok(canManageGroup({ kind: 'operator', label: 'Beheer' }, 1, 10));
  assert.ok(canManageGroup(staff([], [1]), 1, 10), 'ICT-coördinator or board admin of the school');
  assert.ok(canManageGroup(staff([grant('supportStaff', 1)]), 1, 10), 'IB/RT: every group of the school');
  assert.ok(canManageGroup(staff([grant('teacher', 1, 10)]), 1, 10), 'teacher of the group');
  assert.ok(canManageGroup(staff([grant('trainee', 1, 10)]), 1, 10), 'trainee of the group');
  assert.ok(!canManageGroup(staff([grant('teacher', 1, 11)]), 1, 10), 'teacher of another group');
  assert.ok(canManageGroup(staff([grant('teacher', 1)]), 1, 10, [10, 12]), 'teacher through the roster group memberships');
  assert.ok(!canManageGroup(staff([grant('teacher', 1)]), 1, 11, [10, 12]), 'not a group the roster gives');
  assert.ok(!canManageGroup(staff([grant('trainee', 1, 11)]), 1, 10, [10]), 'a trainee only has the group on the grant');
  assert.ok(!canManageGroup(staff([grant('supportStaff', 2)]), 1, 10), 'IB/RT of another school');
  assert.ok(!canManageGroup({ kind: 'pupil', pupilId: 5, schoolId: 1, label: 'Sam' }, 1, 10));
  assert.ok(!canManageGroup(null, 1, 10));
});

test('which groups a person sees in the list', () => {
  assert.equal(groupsVisibleTo({ kind: 'operator', label: 'Beheer' }, 1), 'all');
  assert.equal(groupsVisibleTo(staff([grant('supportStaff', 1)]), 1), 'all');
  assert.deepEqual(groupsVisibleTo(staff([grant('teacher', 1, 10), grant('teacher', 1, 12), grant('teacher', 2, 13)]), 1), [10, 12]);
  assert.deepEqual(groupsVisibleTo(staff([grant('teacher', 1)]), 1, [14, 15]), [14, 15]);
  assert.deepEqual(groupsVisibleTo(staff([grant('trainee', 1, 16)]), 1, [14]), [16], 'roster groups count for teachers only');
  assert.deepEqual(groupsVisibleTo(null, 1), []);
});
