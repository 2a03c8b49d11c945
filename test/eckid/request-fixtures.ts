/**
 * What the request pipeline tests share: a migrated database, the real job queue (fast polling),
 * the request service wired to a sandbox Nummervoorziening over HTTP, the roster service with the
 * request hook, and a school with a generated file of pupils with BSNs and no ECK iD's.
 */
import { openTestDatabase, uniqueBoardNumber, uniqueSchoolCode, type TestDatabase } from '../helpers/databases.js';
import { createJobQueue } from '../../src/db/jobs/index.js';
import { createEckidRequestService, numberServiceFromClient, TEST_ENVIRONMENT_SALT } from '../../src/eckid/index.js';
import { createNummervoorzieningClient } from '../../src/eckid/nummervoorziening/index.js';
import type { RunningSandbox } from '../../src/eckid/sandbox/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { isAppError } from '../../src/lib/errors.js';
import { createOrganisationService, type School } from '../../src/organisations/index.js';
import { generateSchoolRoster, writeEdexml } from '../../src/roster/generator/index.js';
import { createRosterService } from '../../src/roster/index.js';

export const TEST_OIN = '00000001234567890000';

export async function requestFixture(database: TestDatabase, sandbox: RunningSandbox, options: { salt?: string | null; pupils?: number; oin?: string } = {}) {
  const db = await openTestDatabase(database);
  const queue = createJobQueue(db, database.url, { sqlite: { pollMs: 100, leaseMs: 2000 }, pgBoss: { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 } });
  const client = createNummervoorzieningClient({ url: sandbox.url, oin: options.oin ?? TEST_OIN });
  const requests = createEckidRequestService({
    db: db.kysely, clock: systemClock, secretBox: createSecretBox('test-secret-key-for-the-request-pipeline-0123'), queue,
    hpgnSalt: options.salt === undefined ? TEST_ENVIRONMENT_SALT : options.salt, concurrency: 2, numbers: numberServiceFromClient(() => client), dispatchIntervalMs: 200,
  });
  const roster = createRosterService({ db: db.kysely, clock: systemClock, limits: { maxBytes: 16 << 20, guardShare: 0.3 }, onApplied: requests.onRosterApplied });
  const organisations = createOrganisationService({ db: db.kysely, clock: systemClock });
  let school: School;
  for (;;) {
    try {
      const board = await organisations.addBoard('test', { number: uniqueBoardNumber(), name: 'Stichting Test' });
      school = await organisations.addSchool('test', { boardNumber: board.number, ...uniqueSchoolCode(), name: 'De Regenboog' });
      break;
    } catch (error) {
      if (!(isAppError(error) && error.status === 409)) throw error;
    }
  }
  const file = generateSchoolRoster({ seed: 4242, brin: school.brin, locationCode: school.locationCode, pupils: options.pupils ?? 8, withEckidShare: 0 });
  const content = writeEdexml(file);
  return {
    db, queue, client, requests, roster, school, file, content,
    scope: { schoolId: school.id, boardId: school.boardId },
    importFile: () => roster.importEdexml({ content, fileName: 'export.xml', source: 'upload', actor: 'test', mode: 'apply', schoolId: school.id }),
    async close() {
      await requests.stopDispatcher();
      await queue.stop({ timeoutMs: 5000 });
      client.close();
      await db.close();
    },
  };
}

export async function until(check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
