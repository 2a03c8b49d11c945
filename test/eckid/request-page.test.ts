/**
 * The school's page "ECK iD's aanvragen" in the composed app (compose.ts + app.ts wiring, job
 * workers on): the operator switches the setting on, an import with BSNs follows, the page
 * shows the progress, and never an ECK iD or a BSN.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, createTestSchool, signInAsOperator } from '../helpers/app.js';
import { startSandbox, type RunningSandbox } from '../../src/eckid/sandbox/index.js';
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';

let sandbox: RunningSandbox;
before(async () => { sandbox = await startSandbox({ key: 'request-page-test' }); });
after(async () => { await sandbox.close(); });

async function until(check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

for (const database of testDatabases()) {
  test(`[${database.name}] the operator switches requests on; after an import the page shows the progress, never a number`, async () => {
    const t = await buildTestApp(database, { JOB_WORKERS: 'on', NUMMERVOORZIENING_URL: sandbox.url, NUMMERVOORZIENING_OIN: '00000001234567890000', ECKID_HPGN_CONCURRENCY: '2' });
    try {
      const school = await createTestSchool(t.capabilities);
      const browser = await signInAsOperator(t);
      const path = `/beheer/scholen/${school.id}/eck-id/aanvragen`;
      const page = await browser.get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Leerpoort vraagt ECK iD&#39;s aan|Leerpoort vraagt ECK iD's aan/);
      assert.match(page.body, /Er zijn nog geen aanvragen/);

      const saved = await browser.post(path, { aanvragen: 'aan' });
      assert.equal(saved.statusCode, 303);
      assert.equal((await t.capabilities.eckidRequests.settings(school.id)).requestsEnabled, true);
      const refused = await browser.post(path, { aanvragen: 'aan' }, { csrf: false });
      assert.equal(refused.statusCode, 403, 'a form without its CSRF token is refused');

      const file = generateSchoolRoster({ seed: 77, brin: school.brin, locationCode: school.locationCode, pupils: 4, withEckidShare: 0 });
      const withBsn = file.pupils.filter((pupil) => pupil.bsn);
      await t.capabilities.roster.importEdexml({ content: writeEdexml(file), fileName: 'export.xml', source: 'upload', actor: 'test', mode: 'apply', schoolId: school.id });
      await until(async () => (await t.capabilities.eckidRequests.progress(school.id)).done === withBsn.length);

      const done = await browser.get(path);
      assert.match(done.body, new RegExp(`ECK iD ontvangen</dt><dd>${withBsn.length} van ${withBsn.length}`));
      assert.doesNotMatch(done.body, /ketenid\.nl\/201703/);
      for (const pupil of withBsn) assert.ok(!done.body.includes(pupil.bsn!));
    } finally {
      await t.close();
    }
  });
}
