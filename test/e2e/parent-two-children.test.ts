/**
 * Browser test in Debian's Chromium (playwright-core): a parent asks for a home login, follows
 * the mailed link (real SMTP), chooses a password, links two children at two schools with
 * their pincodes and opens each child's tiles on /leerling.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { childAtSchool } from '../accounts/parent-helpers.js';
import { GOOD_PASSWORD, linkFromMail, uniqueEmail } from '../accounts/staff-helpers.js';

const skip = skipWithoutChromium;

let t: TestApp;
let smtp: TestSmtpServer;
let browser: Browser;
let origin: string;

before(async () => {
  if (skip) return;
  smtp = await startTestSmtpServer();
  t = await buildTestApp(testDatabases()[0], { SMTP_URL: smtp.url });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

async function signInAsParent(page: Page, email: string): Promise<void> {
  await page.goto(`${origin}/thuis/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(GOOD_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${origin}/thuis`);
}

test('a parent with two children at two schools opens each child\'s tiles', { skip }, async () => {
  const first = await childAtSchool(t);
  const second = await childAtSchool(t, { index: 1 });
  const email = uniqueEmail('ouder');
  const page = await (await browser.newContext()).newPage();

  await page.goto(`${origin}/thuis`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Thuisinlog aanvragen' }).click();
  await page.getByText('ontvangt u binnen een paar minuten een e-mail').waitFor();

  await page.goto(origin + (await linkFromMail(smtp, email, /thuisinlog/)));
  await page.getByLabel('Nieuw wachtwoord').fill(GOOD_PASSWORD);
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await page.waitForURL(`${origin}/thuis`);
  await page.getByRole('heading', { name: 'Mijn kinderen' }).waitFor();

  for (const child of [first, second]) {
    await page.getByLabel('School zoeken').fill(child.school.brin);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('link', { name: child.school.name }).click();
    await page.getByLabel('Roepnaam van uw kind').fill(child.firstName);
    await page.getByLabel('Pincode van uw kind').fill(child.pincode);
    await page.getByRole('button', { name: 'Kind koppelen' }).click();
    await page.getByText(`${child.firstName} is gekoppeld.`).waitFor();
  }

  for (const child of [first, second]) {
    await page.getByRole('button', { name: `Open de tegels van ${child.firstName}` }).click();
    await page.waitForURL(`${origin}/leerling`);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `Hallo ${child.firstName}!`);
    // Opening a child ends the parent's session on this device; the parent signs in again for the other child.
    await page.context().clearCookies();
    await signInAsParent(page, email);
  }
});
