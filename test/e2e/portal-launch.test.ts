/**
 * Browser test in Debian's Chromium (playwright-core): a pupil logs in with her picture code,
 * sees her tiles on "Mijn lesmateriaal", taps one and lands at the demo publisher app (started
 * by this test; an openid-client relying party doing code + PKCE against Leerpoort), which shows
 * the claims it received. The second tile is opened with the keyboard (Tab focus + Enter) and
 * shows the minimal profile: no first name, another pseudonym.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { tempDir } from '../cli/run-cli.js';
import { displayName, pictureById } from '../../src/accounts/pupils/index.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { seedDemoCatalogue, startDemoPublisher, type DemoPublisherServer } from '../../src/demo-publisher/index.js';

const skip = skipWithoutChromium;

let t: TestApp;
let browser: Browser;
let origin: string;
let publisherApp: DemoPublisherServer;
let seeded: Awaited<ReturnType<typeof seedDemoCatalogue>>;
let fixture: Awaited<ReturnType<typeof schoolWithPupils>>;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

before(async () => {
  if (skip) return;
  // The issuer is PUBLIC_URL + /oidc and must be where the publisher's backend reaches Leerpoort.
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  t = await buildTestApp(testDatabases()[0], { PUBLIC_URL: origin });
  await t.app.listen({ port, host: '127.0.0.1' });
  fixture = await schoolWithPupils(t, 30);
  const appPort = await freePort();
  seeded = await seedDemoCatalogue({
    capabilities: t.capabilities, actor: 'test', stateFile: `${tempDir()}/clients.json`, boardId: fixture.school.boardId, schoolIds: [fixture.school.id], publisherAppUrl: `http://127.0.0.1:${appPort}`,
  });
  publisherApp = await startDemoPublisher({ issuer: `${origin}/oidc`, clients: seeded.clients, port: appPort });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await publisherApp?.close();
  await t?.close();
});

async function tapCode(page: Page, code: readonly string[]): Promise<void> {
  for (const id of code) await page.getByRole('button', { name: pictureById(id)!.name, exact: true }).click();
}

const claimText = (page: Page, name: string) => page.locator(`[data-claim="${name}"]`).innerText();

test('a pupil taps a tile and lands at the publisher, which shows the claims it received', { skip }, async () => {
  const { school, scope, group, pupils } = fixture;
  const pupil = pupils[0];
  const code = await t.capabilities.pupilAccess.admin.resetPictureCode('test', scope, pupil.pupilId);
  const page = await (await browser.newContext()).newPage();

  await page.goto(`${origin}/school/${school.instellingRef}`);
  await page.getByRole('link', { name: group.name, exact: true }).click();
  await page.getByRole('link', { name: displayName(pupil) }).click();
  await tapCode(page, code);
  await page.waitForURL(`${origin}/leerling`);
  assert.equal(await page.getByRole('heading', { level: 2 }).first().innerText(), 'Mijn lesmateriaal');
  const tiles = page.getByRole('list', { name: 'Mijn lesmateriaal' }).getByRole('link');
  assert.deepEqual((await tiles.allInnerTexts()).map((s) => s.trim()).sort(), ['Leesavontuur (demo)', 'Rekenroute (demo)']);

  await page.getByRole('link', { name: 'Rekenroute (demo)' }).click();
  await page.waitForURL(`${publisherApp.url}/rekenen/callback**`);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Welkom bij Rekenroute \(demo\), .+!$/);
  const first = await claimText(page, 'sub');
  assert.match(first, /^[0-9a-f]{64}$/);
  assert.equal(await claimText(page, 'nl_edu_home_organization_id'), school.brin);
  assert.equal(await claimText(page, 'role'), 'leerling');
  assert.ok((await claimText(page, 'given_name')).length > 0, 'standard profile: first name');

  // Back in the portal, the other tile by keyboard only.
  await page.goto(`${origin}/leerling`);
  const lezen = page.getByRole('link', { name: 'Leesavontuur (demo)' });
  for (let i = 0; i < 20 && !(await lezen.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  assert.ok(await lezen.evaluate((el) => el === document.activeElement), 'the tile is reachable with Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${publisherApp.url}/lezen/callback**`);
  assert.equal(await page.locator('[data-claim="given_name"]').count(), 0, 'minimal profile: no first name');
  assert.notEqual(await claimText(page, 'sub'), first, 'another publisher, another pseudonym');
});
