/**
 * A second "app instance" for the ledger concurrency test: its own process and its own database
 * connection, recording `count` disclosures at once. Usage (argv): DATABASE_URL count inputJSON.
 */
import { openDatabase } from '../../src/db/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { createCatalogueService } from '../../src/catalogue/index.js';
import { createPrivacyService, type DisclosureInput } from '../../src/privacy/index.js';

const [url, count, inputJson] = process.argv.slice(2);
const input = JSON.parse(inputJson) as DisclosureInput;
const db = openDatabase(url);
try {
  const privacy = createPrivacyService({ db: db.kysely, clock: systemClock, publishers: createCatalogueService({ db: db.kysely, clock: systemClock }).publishers });
  await Promise.all(Array.from({ length: Number(count) }, (_, i) => privacy.ledger.record({ ...input, subject: { kind: 'pupil', id: 10_000 + i } })));
  process.stdout.write(`ok ${count}\n`);
} finally {
  await db.close();
}
