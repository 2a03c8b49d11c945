/**
 * In Debian's Chromium: a pupil signs in with her login card, opens `/starten/<product>` (where
 * her portal tile points) and the signed SAML response is carried to the publisher's SP by the
 * auto-post page — under Leerpoort's CSP (script from 'self', form-action only to the SP). The
 * SP is a small HTTP server started here that validates the response with node-saml and shows
 * the attributes it received. Without JavaScript the same page works with its button.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js';
import { testDatabases } from '../helpers/databases.js';
import { schoolWithPupils } from '../accounts/pupil-fixtures.js';
import { consentedPublisher, freePort, listeningApp } from './oidc-helpers.js';
import { makeSp, type TestSp } from './saml-helpers.js';

/** The publisher's side: ACS at /acs; node-saml validates, the page lists what arrived. */
function startSpServer(port: number, sp: () => TestSp): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', async () => {
      try {
        const form = Object.fromEntries(new URLSearchParams(body));
        const { profile } = await sp().saml.validatePostResponseAsync({ SAMLResponse: form.SAMLResponse });
        const attrs = (profile?.attributes ?? {}) as Record<string, string>;
        const rows = Object.entries(attrs).map(([name, value]) => `<dt>${name}</dt><dd data-attr="${name}">${String(value)}</dd>`);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(`<!DOCTYPE html><html lang="nl"><title>Uitgever</title><h1>Welkom bij de methode</h1><p data-nameid>${profile?.nameID}</p><p data-relay>${form.RelayState ?? ''}</p><dl>${rows.join('')}</dl></html>`);
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end(`geweigerd: ${String(error)}`);
      }
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const [database] = testDatabases();

test('a pupil opens a SAML method from her tile in Chromium and lands at the publisher', { skip: skipWithoutChromium }, async (t) => {
  const app = await listeningApp(database);
  t.after(() => app.close());
  const { school, scope, pupils } = await schoolWithPupils(app, 8);
  const publisher = await consentedPublisher(app, school, 'standard');
  const port = await freePort();
  let sp: TestSp | null = null;
  const server = await startSpServer(port, () => sp as TestSp);
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  sp = await makeSp(app, { callbackUrl: `http://127.0.0.1:${port}/acs`, entityId: `http://127.0.0.1:${port}/metadata`, register: { publisherSlug: publisher.slug, profile: 'standard' } });
  const product = await app.capabilities.catalogue.products.add('operator:test', { publisherSlug: publisher.slug, code: 'rekenen', name: 'Rekenrijk', launchUrl: `http://127.0.0.1:${port}/les`, tags: [], protocol: 'saml', samlEntityId: sp.entityId });
  await app.capabilities.catalogue.licences.grant('operator:test', { schoolId: school.id, productId: product.id, holder: { kind: 'school' } });
  const [card] = await app.capabilities.pupilAccess.admin.issueCards('test', scope, [pupils[0].pupilId]);

  const browser = await launchChromium();
  t.after(() => browser.close());

  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${app.baseUrl}/kaart/${card.token}`);
    await page.locator('main form button[type="submit"]').click();
    await page.waitForURL(`${app.baseUrl}/leerling`);

    await page.goto(`${app.baseUrl}/starten/${product.id}?school=${school.id}`);
    if (!javaScriptEnabled) await page.getByRole('button', { name: 'Verder naar Rekenrijk' }).click();
    await page.waitForURL(`http://127.0.0.1:${port}/acs`);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Welkom bij de methode');
    assert.equal(await page.locator('[data-attr="eduPersonAffiliation"]').innerText(), 'student');
    assert.equal(await page.locator('[data-attr="nlEduPersonHomeOrganizationId"]').innerText(), school.brin);
    assert.match(await page.locator('[data-nameid]').innerText(), /^[0-9a-f]{64}$/);
    assert.equal(await page.locator('[data-relay]').innerText(), `http://127.0.0.1:${port}/les`);
    assert.deepEqual(refused, [], 'no CSP violations on the way');
    await context.close();
  }
});
