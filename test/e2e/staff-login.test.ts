/**
 * Browser test in Debian's Chromium (playwright-core) with a real SMTP server: an invited
 * ICT-coördinator opens the activation link from the mail, chooses a password, logs out, logs in
 * with e-mail address and password; then "Wachtwoord vergeten?" → mail → link → new password →
 * logs in with it; the used link does not work a second time. The mailed links name the
 * configured PUBLIC_URL; the browser opens their path on the app under test.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createTestSchool } from '../helpers/app.js';
import { GOOD_PASSWORD, uniqueEmail } from '../accounts/staff-helpers.js';
import { choosePassword, logIn, skipWithoutChromium as skip, startStaffBrowserRig, type StaffBrowserRig } from './staff-browser.js';

const NEW_PASSWORD = 'groene giraf leest een boek';
let rig: StaffBrowserRig;

before(async () => {
  if (!skip) rig = await startStaffBrowserRig();
});

after(async () => {
  await rig?.close();
});

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
  await page.waitForURL(`${rig.origin}/inloggen?uitgelogd=1`);
}

test('ICT-coördinator: activation mail → password → log out → log in; forgotten password → mail → new password; links are single-use', { skip }, async () => {
  const { t, browser, origin } = rig;
  const school = await createTestSchool(t.capabilities);
  const email = uniqueEmail('ict');
  await t.capabilities.staffAccounts.members.addToSchool('operator:Beheer', { schoolId: school.id }, { email, displayName: 'Ida ICT', role: 'schoolAdmin' });
  const page = await (await browser.newContext()).newPage();

  const activation = await rig.mailedPath(email);
  await choosePassword(rig, page, activation, GOOD_PASSWORD);
  assert.match(await page.locator('main').innerText(), /ICT-coördinator/);
  await logOut(page);

  await logIn(rig, page, email, 'dit is niet mijn wachtwoord');
  assert.match(await page.getByRole('alert').innerText(), /klopt niet/);
  await logIn(rig, page, email, GOOD_PASSWORD);
  await page.waitForURL(`${origin}/account`);
  await logOut(page);

  await page.goto(`${origin}/inloggen`);
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Link versturen' }).click();
  await page.waitForURL(`${origin}/wachtwoord-vergeten?verstuurd=1`);
  const reset = await rig.mailedPath(email);
  await choosePassword(rig, page, reset, NEW_PASSWORD);
  await logOut(page);

  await logIn(rig, page, email, GOOD_PASSWORD);
  assert.match(await page.getByRole('alert').innerText(), /klopt niet/, 'the old password no longer works');
  await logIn(rig, page, email, NEW_PASSWORD);
  await page.waitForURL(`${origin}/account`);

  for (const used of [reset, activation]) {
    const again = await page.goto(origin + used);
    assert.equal(again?.status(), 400, `${used.split('/').slice(0, 3).join('/')} works only once`);
    assert.match(await page.locator('main').innerText(), /ongeldig, al gebruikt of verlopen/);
  }
});
