/**
 * Browser test in Debian's Chromium (playwright-core): a pupil taps group, name and picture
 * code and lands on the portal; five wrong codes lock with a kind message; the teacher
 * (the operator until staff login lands) unlocks in the group overview; a QR card URL asks
 * for confirmation and then logs in; login is refused outside the school network.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { displayName, pictureById } from '../../src/accounts/pupils/index.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';

const skip = skipWithoutChromium;

let t: TestApp;
let browser: Browser;
let origin: string;

before(async () => {
  if (skip) return;
  t = await buildTestApp(testDatabases()[0]);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await t?.close();
});

async function tapCode(page: Page, code: readonly string[]): Promise<void> {
  for (const id of code) await page.getByRole('button', { name: pictureById(id)!.name, exact: true }).click();
}

async function signInAsOperator(page: Page): Promise<void> {
  const link = await t.capabilities.operatorAccess.issueLoginLink('Juf Test');
  await page.goto(origin + link.path);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

test('pupil: group → name → picture code → portal; lockout and unlock by the teacher', { skip }, async () => {
  const { school, scope, group, pupils } = await schoolWithPupils(t, 40);
  const pupil = pupils[0];
  const name = displayName(pupil);
  const code = await t.capabilities.pupilAccess.admin.resetPictureCode('test', scope, pupil.pupilId);
  const context = await browser.newContext();
  const page = await context.newPage();

  await page.goto(`${origin}/school/${school.instellingRef}`);
  await page.getByRole('link', { name: group.name, exact: true }).click();
  await page.getByRole('link', { name }).click();
  await tapCode(page, code);
  await page.waitForURL(`${origin}/leerling`);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Hallo /);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL(`${origin}/school/${school.instellingRef}`);

  const wrong = code[0] === 'kat' ? ['hond', 'hond', 'hond', 'hond'] : ['kat', 'kat', 'kat', 'kat'];
  await page.goto(`${origin}/school/${school.instellingRef}/leerling/${pupil.pupilId}`);
  for (let i = 0; i < 4; i++) {
    await tapCode(page, wrong);
    assert.equal(await page.getByRole('alert').innerText(), 'Dat was niet goed. Probeer het nog eens.');
  }
  await tapCode(page, wrong);
  assert.equal(await page.getByRole('alert').innerText(), 'Je bent even op slot. Vraag je juf of meester om hulp.');
  await tapCode(page, code);
  assert.match(await page.getByRole('alert').innerText(), /op slot/, 'the right code waits for the lock too');

  const teacher = await (await browser.newContext()).newPage();
  await signInAsOperator(teacher);
  await teacher.goto(`${origin}/beheer/scholen/${school.id}/groepen/${group.id}`);
  assert.match(await teacher.locator('tr', { hasText: name }).innerText(), /op slot tot \d\d:\d\d/);
  await teacher.locator('tr', { hasText: name }).getByRole('button', { name: 'Ontgrendelen' }).click();
  await teacher.getByText('De leerling is ontgrendeld.').waitFor();

  await tapCode(page, code);
  await page.waitForURL(`${origin}/leerling`);
  await context.close();
});

test('QR card URL asks first, then logs in on this device', { skip }, async () => {
  const { scope, pupils } = await schoolWithPupils(t, 40);
  const [card] = await t.capabilities.pupilAccess.admin.issueCards('test', scope, [pupils[1].pupilId]);
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${origin}/kaart/${card.token}`);
  assert.match(await page.locator('main').innerText(), /Ben jij /);
  await page.getByRole('button', { name: 'Ja, log mij in' }).click();
  await page.waitForURL(`${origin}/leerling`);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Hallo /);
});

test('outside the school network: no names, and a clear explanation', { skip }, async () => {
  const { school, scope, group, pupils } = await schoolWithPupils(t, 40);
  await t.capabilities.pupilAccess.admin.setSchoolRanges('test', scope, '192.0.2.0/24\n2001:db8::/32');
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${origin}/school/${school.instellingRef}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Inloggen kan alleen op school');
  await page.goto(`${origin}/school/${school.instellingRef}/groep/${group.id}`);
  assert.ok(!(await page.content()).includes(displayName(pupils[0])), 'names stay hidden');
});
