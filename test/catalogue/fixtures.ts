/** A school with a roster (groups, subgroups, pupils, staff with unique e-mails) and publishers for catalogue tests. */
import { stableRoster } from '../helpers/rosters.js';
import { randomBytes } from 'node:crypto';
import { writeEdexml } from '../../src/roster/generator/index.js';
import { createTestSchool, TestBrowser, type TestApp } from '../helpers/app.js';
import { uniqueEmail } from '../accounts/staff-helpers.js';

export const uniqueSlug = (base: string) => `${base}-${randomBytes(4).toString('hex')}`;

export async function rosteredSchool(t: TestApp, name?: string) {
  const school = await createTestSchool(t.capabilities, name);
  const roster = stableRoster(school, { seed: 23, pupils: 60, subgroups: true });
  for (const member of roster.staff) member.email = uniqueEmail(member.key.toLowerCase());
  const summary = await t.capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId: school.id, actor: 'test', content: writeEdexml(roster), fileName: null });
  if (summary.status !== 'applied') throw new Error(`roster import ended as ${summary.status}`);
  return school;
}

/** A publisher with one product per given code; tags by code. */
export async function publisherWithProducts(t: TestApp, products: Record<string, string[]>, launchBase = 'https://uitgever.example') {
  const { catalogue } = t.capabilities;
  const publisher = await catalogue.publishers.add('operator:test', { slug: uniqueSlug('uitgever'), name: `Uitgeverij ${randomBytes(2).toString('hex')}` });
  const made: Record<string, Awaited<ReturnType<typeof catalogue.products.add>>> = {};
  for (const [code, tags] of Object.entries(products)) {
    made[code] = await catalogue.products.add('operator:test', { publisherSlug: publisher.slug, code, name: `Methode ${code}`, launchUrl: `${launchBase}/${code}`, tags, protocol: 'oidc' });
  }
  return { publisher, products: made };
}

/** Pupils of a school with their stamgroep, subgroups and ECK iD, straight from the roster tables. */
export async function pupilsOf(t: TestApp, schoolId: number) {
  const db = t.db.kysely;
  const pupils = await db.selectFrom('pupils').select(['id', 'group_id', 'eckid']).where('school_id', '=', schoolId).where('active', '=', 1).orderBy('id').execute();
  const subgroups = await db.selectFrom('pupil_subgroups').select(['pupil_id', 'group_id']).where('school_id', '=', schoolId).execute();
  return pupils.map((p) => ({ id: Number(p.id), groupId: p.group_id === null ? null : Number(p.group_id), eckid: p.eckid, subgroupIds: subgroups.filter((s) => Number(s.pupil_id) === Number(p.id)).map((s) => Number(s.group_id)) }));
}

/** Signs a pupil in with a fresh pincode, as she would at school; returns her browser. */
export async function signInPupil(t: TestApp, school: { id: number; instellingRef: string }, pupilId: number, browser = new TestBrowser(t.app)): Promise<TestBrowser> {
  const pin = await t.capabilities.pupilAccess.admin.resetPincode('test', { schoolId: school.id }, pupilId);
  const path = `/school/${school.instellingRef}/leerling/${pupilId}?met=pincode`;
  await browser.get(path);
  const done = await browser.post(path, { pincode: pin });
  if (done.statusCode !== 303) throw new Error(`pupil login answered ${done.statusCode}: ${done.body.slice(0, 300)}`);
  return browser;
}
