/**
 * The demo's catalogue and the demo publisher app over real HTTP: seeding makes two publishers
 * with a method each, agreement, consent, licence and an OIDC client (twice: nothing new the
 * second time); a pupil signs in, finds both tiles, taps one, and the demo publisher app (an
 * openid-client relying party doing code + PKCE) shows the claims it received: the standard
 * profile with first name and group, the minimal one without, and a different pseudonym each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/app.js';
import { tempDir } from '../cli/run-cli.js';
import { seedDemoCatalogue, startDemoPublisher, DEMO_PUBLISHERS } from '../../src/demo-publisher/index.js';
import { pupilsOf, rosteredSchool } from './fixtures.js';
import { CrossOriginBrowser } from './http-browser.js';

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

const claim = (body: string, name: string) => new RegExp(`data-claim="${name}">([^<]*)<`).exec(body)?.[1] ?? null;

for (const database of testDatabases()) {
  test(`demo publishers: seeded, launched from a tile, claims shown (${database.name})`, async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const t = await buildTestApp(database, { PUBLIC_URL: baseUrl });
    await t.app.listen({ port, host: '127.0.0.1' });
    const appPort = await freePort();
    const publisherAppUrl = `http://127.0.0.1:${appPort}`;
    const school = await rosteredSchool(t);
    const demoDir = tempDir();
    const seedArgs = { capabilities: t.capabilities, actor: 'test', stateFile: `${demoDir}/clients.json`, boardId: school.boardId, schoolIds: [school.id], publisherAppUrl };
    const seeded = await seedDemoCatalogue(seedArgs);
    const again = await seedDemoCatalogue(seedArgs);
    assert.deepEqual(again.clients.map((c) => c.clientId), seeded.clients.map((c) => c.clientId), 'a second seed reuses the clients');
    assert.deepEqual(again.productsCreated, []);
    const publisherApp = await startDemoPublisher({ issuer: `${baseUrl}/oidc`, clients: seeded.clients, port: appPort });
    try {
      const pupil = (await pupilsOf(t, school.id)).find((p) => p.groupId !== null)!;
      const pin = await t.capabilities.pupilAccess.admin.resetPincode('test', { schoolId: school.id }, pupil.id);
      const browser = new CrossOriginBrowser();
      const loginPath = `${baseUrl}/school/${school.instellingRef}/leerling/${pupil.id}?met=pincode`;
      const form = await browser.follow(loginPath);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1];
      const signedIn = await browser.follow(loginPath, { pincode: pin, _csrf: csrf });
      assert.equal(signedIn.url, `${baseUrl}/leerling`);
      for (const demo of DEMO_PUBLISHERS) assert.ok(signedIn.body.includes(demo.product.name.replace('(', '(')), `tile ${demo.product.name}`);

      const pseudonyms: string[] = [];
      for (const demo of DEMO_PUBLISHERS) {
        const product = (await t.capabilities.catalogue.products.list()).find((p) => p.code === demo.product.code && p.launchUrl.startsWith(publisherAppUrl))!;
        const href = `/starten/${product.id}?school=${school.id}`;
        assert.ok(signedIn.body.includes(href.replace('&', '&amp;')) || signedIn.body.includes(href), `the tile links to ${href}`);
        const landed = await browser.follow(`${baseUrl}${href}`);
        assert.equal(landed.response.status, 200, `${landed.url}\n${browser.visited.slice(-8).join('\n')}\n${landed.body.slice(0, 500)}`);
        assert.ok(landed.url.startsWith(`${publisherAppUrl}${demo.product.prefix}/callback`), landed.url);
        assert.match(landed.body, /Je bent ingelogd via Leerpoort/);
        assert.match(claim(landed.body, 'sub') ?? '', /^[0-9a-f]{64}$/);
        assert.equal(claim(landed.body, 'nl_edu_home_organization_id'), school.brin);
        if (demo.profile === 'standard') assert.ok(claim(landed.body, 'given_name'), 'standard profile: first name');
        else assert.equal(claim(landed.body, 'given_name'), null, 'minimal profile: no first name');
        pseudonyms.push(claim(landed.body, 'sub')!);
      }
      assert.notEqual(pseudonyms[0], pseudonyms[1], 'each publisher gets its own pseudonym');
    } finally {
      await publisherApp.close();
      await t.close();
    }
  });
}
