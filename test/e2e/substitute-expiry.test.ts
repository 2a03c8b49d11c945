/**
 * Browser test in Chromium: an ICT-coördinator gives a new substitute access to one group for
 * today; the substitute activates her account from the mail (real SMTP server), sees the group
 * overview with its pupils, and once the clock passes the end of the period the same page is
 * refused, in the same session and after logging in again.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { GOOD_PASSWORD, uniqueEmail } from '../accounts/staff-helpers.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { displayName } from '../../src/accounts/pupils/index.js';
import { choosePassword, logIn, skipWithoutChromium as skip, startStaffBrowserRig, type StaffBrowserRig } from './staff-browser.js';

let rig: StaffBrowserRig;

before(async () => {
  // Sessions outlive the period, so the refusal comes from the grant and not from the session.
  if (!skip) rig = await startStaffBrowserRig({ SESSION_TTL_MINUTES: String(3 * 24 * 60) });
});

after(async () => {
  await rig?.close();
});

test('substitute sees her group during the period and is refused after it', { skip }, async () => {
  const { t, browser, origin } = rig;
  const { school, group, groups, pupils } = await schoolWithPupils(t, 40);
  const other = groups.find((g) => g.id !== group.id)!;
  const email = uniqueEmail('inval');

  const ict = await (await browser.newContext()).newPage();
  const link = await t.capabilities.operatorAccess.issueLoginLink('Beheer');
  await ict.goto(origin + link.path);
  await ict.getByRole('button', { name: 'Inloggen' }).click();
  await ict.goto(`${origin}/beheer/scholen/${school.id}/invallers`);
  await ict.getByLabel('E-mailadres').fill(email);
  await ict.getByLabel('Naam').fill('Ilse Inval');
  await ict.getByRole('checkbox', { name: group.name, exact: true }).check();
  await ict.getByRole('button', { name: 'Toegang geven' }).click();
  await ict.getByText('De invaltoegang is gegeven.', { exact: false }).waitFor();

  const page = await (await browser.newContext()).newPage();
  await choosePassword(rig, page, await rig.mailedPath(email), GOOD_PASSWORD);
  assert.match(await page.locator('main').innerText(), /Inval/);

  const overview = `${origin}/beheer/scholen/${school.id}/groepen/${group.id}`;
  assert.equal((await page.goto(overview))?.status(), 200);
  assert.match(await page.locator('main').innerText(), new RegExp(displayName(pupils[0])));
  assert.equal((await page.goto(`${origin}/beheer/scholen/${school.id}/groepen/${other.id}`))?.status(), 403, 'not another group');

  t.clock.advance(25 * 60); // past midnight tonight, whatever the time now
  assert.equal((await page.goto(overview))?.status(), 403, 'refused once the period is over');
  await logIn(rig, page, email, GOOD_PASSWORD);
  await page.waitForURL(`${origin}/account`);
  assert.equal((await page.goto(overview))?.status(), 403, 'also after logging in again');

  await ict.goto(`${origin}/beheer/scholen/${school.id}/invallers`);
  assert.match(await ict.locator('tr', { hasText: 'Ilse Inval' }).innerText(), /Verlopen/);
});
