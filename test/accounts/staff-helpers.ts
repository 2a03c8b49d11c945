/**
 * Steps a staff member takes in the staff tests, through the real app and a real SMTP server:
 * follow the mailed link, choose a password, sign in.
 */
import assert from 'node:assert/strict';
import type { School } from '../../src/organisations/index.js';
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';
import { TestBrowser, type TestApp } from '../helpers/app.js';
import { linksIn, type TestSmtpServer } from '../helpers/smtp.js';

export const GOOD_PASSWORD = 'paarse olifant danst op het dak';

/** A unique address per test run, so runs sharing one PostgreSQL database never meet. */
export function uniqueEmail(name: string): string {
  return `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@school.example.nl`;
}

/** The path of the one Leerpoort link in the next mail to `to`. */
export async function linkFromMail(smtp: TestSmtpServer, to: string, expectedSubject: RegExp): Promise<string> {
  const mail = await smtp.waitForMessage(to);
  assert.match(mail.subject, expectedSubject);
  const links = linksIn(mail).filter((link) => link.startsWith('http://leerpoort.test/'));
  assert.ok(links.length >= 1, `a Leerpoort link in: ${mail.text}`);
  return new URL(links[0]).pathname;
}

/** Opens a mailed activation or reset link in a fresh browser and chooses the password. */
export async function choosePassword(t: TestApp, path: string, password = GOOD_PASSWORD, browser = new TestBrowser(t.app)) {
  const form = await browser.get(path);
  assert.equal(form.statusCode, 200, form.body);
  const done = await browser.post(path, { password });
  return { browser, done };
}

export async function signIn(t: TestApp, email: string, password: string, browser = new TestBrowser(t.app)) {
  await browser.get('/inloggen');
  const response = await browser.post('/inloggen', { email, password });
  return { browser, response };
}

/** Imports a generated roster for the school, optionally changing the staff before writing it. */
export async function importRoster(t: TestApp, school: School, adjust: (roster: ReturnType<typeof generateSchoolRoster>) => void = () => {}) {
  const roster = generateSchoolRoster({ seed: 7, brin: school.brin, locationCode: school.locationCode, pupils: 40, subgroups: false });
  for (const member of roster.staff) member.email = uniqueEmail(member.key.toLowerCase());
  adjust(roster);
  const summary = await t.capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId: school.id, actor: 'test', content: writeEdexml(roster), fileName: null });
  assert.equal(summary.status, 'applied', JSON.stringify(summary.errors));
  return roster;
}

/** A teacher (EDEX rol LRK) from the school's imported roster with an e-mail address, and the groups she teaches. */
export async function rosterTeacher(t: TestApp, schoolId: number): Promise<{ id: number; email: string; groupId: number; ownGroupIds: number[] }> {
  const db = t.db.kysely;
  const teacher = await db
    .selectFrom('staff')
    .innerJoin('staff_groups', 'staff_groups.staff_id', 'staff.id')
    .select(['staff.id', 'staff.email', 'staff_groups.group_id'])
    .where('staff.school_id', '=', schoolId)
    .where('staff.roles', 'like', '%LRK%')
    .where('staff.email', 'is not', null)
    // The same teacher on every database (no ORDER BY lets PostgreSQL pick another), with pupils in her group.
    .where(({ exists, selectFrom }) => exists(selectFrom('pupils').select('pupils.id').whereRef('pupils.group_id', '=', 'staff_groups.group_id').where('pupils.active', '=', 1)))
    .orderBy('staff.id')
    .orderBy('staff_groups.group_id')
    .executeTakeFirstOrThrow();
  const own = await db.selectFrom('staff_groups').select('group_id').where('school_id', '=', schoolId).where('staff_id', '=', teacher.id).execute();
  return { id: teacher.id, email: teacher.email!, groupId: Number(teacher.group_id), ownGroupIds: own.map((r) => Number(r.group_id)) };
}
