/**
 * What the staff browser tests share: the real app listening on 127.0.0.1 with a real SMTP
 * server as SMTP_URL, Debian's Chromium, and the steps of the staff sign-in pages.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { linksIn, startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

export { skipWithoutChromium } from '../helpers/chromium.js';

export interface StaffBrowserRig {
  t: TestApp;
  smtp: TestSmtpServer;
  browser: Browser;
  origin: string;
  /** The path of the Leerpoort link in the next mail to `to` (mails name PUBLIC_URL; the browser opens the path here). */
  mailedPath(to: string): Promise<string>;
  close(): Promise<void>;
}

export async function startStaffBrowserRig(env: Record<string, string> = {}): Promise<StaffBrowserRig> {
  const smtp = await startTestSmtpServer();
  const t = await buildTestApp(testDatabases()[0], { SMTP_URL: smtp.url, ...env });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    t,
    smtp,
    browser,
    origin,
    async mailedPath(to) {
      const mail = await smtp.waitForMessage(to);
      const link = linksIn(mail).find((l) => l.startsWith(t.config.publicUrl));
      assert.ok(link, `a Leerpoort link in: ${mail.text}`);
      return new URL(link).pathname;
    },
    async close() {
      await browser.close();
      await t.close();
      await smtp.close();
    },
  };
}

/** Opens an activation or reset link and chooses the password; lands on the account page. */
export async function choosePassword(rig: StaffBrowserRig, page: Page, path: string, password: string): Promise<void> {
  await page.goto(rig.origin + path);
  await page.getByLabel('Nieuw wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await page.waitForURL(`${rig.origin}/account`);
}

/** Fills in the staff sign-in form and submits it (the caller checks where it lands). */
export async function logIn(rig: StaffBrowserRig, page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${rig.origin}/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}
