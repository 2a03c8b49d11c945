/**
 * `leerpoort demo [--serve] [--reset]`: fill the database with demo data (a board, two
 * schools, their rosters) when it is not there yet, and optionally start Leerpoort with a
 * login link, so `npm start` takes a new user from clone to signed-in in one step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Command } from 'commander';
import { environmentWith, loadConfig } from '../config/index.js';
import { startDemoNummervoorziening } from '../demo/nummervoorziening.js';
import type { Db } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { seedDemo, DEMO_BOARD, DEMO_SCHOOLS, type DemoSeedResult } from '../demo/index.js';
import type { Capabilities } from '../compose.js';
import { displayName } from '../accounts/pupils/index.js';
import { cliActor, openConfiguredDatabase, withCapabilities } from './runtime.js';
import { DEFAULT_OPERATOR_LABEL, describeLoginLink } from './login-link.js';
import { DEMO_PUBLISHER_PORT, startDemoPublisher } from '../demo-publisher/index.js';

/** A new user has time to read the output before the link expires. */
const DEMO_LINK_MINUTES = 60;

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('demogegevens aanmaken (één keer; nog een keer draaien voegt niets toe)')
    .option('--serve', 'daarna de webserver starten en een inloglink tonen')
    .option('--reset', 'eerst de hele SQLite-database wissen en opnieuw beginnen')
    .action(async (options: { serve?: boolean; reset?: boolean }) => {
      const config = loadConfig();
      if (config.env === 'production') throw new AppError('cli.demo_in_production');
      if (options.reset) await resetSqliteDatabase(config.databaseUrl);
      const demoDir = path.resolve('data', 'demo');
      const result = await withCapabilities(({ capabilities }) => seedDemo({ capabilities, actor: cliActor(), demoDir }));
      console.log(describeSeed(result));
      if (!options.serve) return;
      const { startServer } = await import('../main.js');
      const numberService = await startDemoNummervoorziening(config);
      if (numberService) console.log(`Sandbox-Nummervoorziening voor de demo: ${numberService.sandbox.url} (OIN ${numberService.settings.NUMMERVOORZIENING_OIN}).`);
      const server = await startServer(numberService ? { env: environmentWith(numberService.settings) } : {});
      const link = await server.capabilities.operatorAccess.issueLoginLink(DEFAULT_OPERATOR_LABEL, DEMO_LINK_MINUTES);
      console.log(`\n${describeLoginLink(server.url, link)}\nEen nieuwe link maakt u met: npm run leerpoort -- login-link`);
      // The demo publishers' app: a tile in the pupil portal launches one of its methods.
      const publisherApp = await startDemoPublisher({ issuer: `${server.url}/oidc`, clients: result.publisherClients, port: DEMO_PUBLISHER_PORT });
      console.log(`Demo-uitgeverijen (OpenID Connect): ${publisherApp.url}. Log in als leerling van een demoschool en tik op een tegel.`);
      console.log(await demoPupilLogin(server.capabilities, server.url));
    });
}

/**
 * A pupil to try the portal with: a fresh pincode for the first pupil of the first demo school's
 * first group, made at every start (pincodes are stored only as keyed hashes, so an old one
 * cannot be shown again).
 */
async function demoPupilLogin(capabilities: Capabilities, url: string): Promise<string> {
  const demo = DEMO_SCHOOLS[0];
  const school = await capabilities.organisations.schoolByCode(demo.brin, demo.locationCode);
  const scope = { schoolId: school!.id };
  const [group] = await capabilities.pupilAccess.groups(scope);
  const [pupil] = await capabilities.pupilAccess.pupilsOfGroup(scope, group.id);
  const pincode = await capabilities.pupilAccess.admin.resetPincode(cliActor(), scope, pupil.pupilId);
  return [
    'Probeer het als leerling:',
    `  ${url}/school/${school!.instellingRef} → ${group.name} → ${displayName(pupil)} → "Ik heb een pincode" → ${pincode}`,
  ].join('\n');
}

function describeSeed(result: DemoSeedResult): string {
  const created = result.boardCreated || result.schoolsCreated.length > 0 || result.rostersImported.length > 0;
  const lines = [
    created
      ? `Demogegevens aangemaakt: ${DEMO_BOARD.name} (${DEMO_BOARD.number})` +
        (result.schoolsCreated.length ? `, scholen ${result.schoolsCreated.join(' en ')}` : '') +
        (result.rostersImported.length ? `, leerlingen geïmporteerd voor ${result.rostersImported.join(' en ')}` : '') +
        '.'
      : `Demogegevens waren er al (${DEMO_BOARD.name}); er is niets toegevoegd.`,
    'Demobestanden om een upload te proberen:',
    ...result.files.map((file) => `  ${path.relative(process.cwd(), file) || file}`),
  ];
  return lines.join('\n');
}

/** Deletes the embedded database file (and its WAL files); PostgreSQL databases are never dropped from here. */
async function resetSqliteDatabase(databaseUrl: string): Promise<void> {
  const db = openConfiguredDatabase(databaseUrl);
  let file: string;
  try {
    if (db.dialect !== 'sqlite') throw new AppError('cli.demo_reset_refused', { reason: `dit is ${db.description}` });
    file = await databaseFile(db);
  } finally {
    await db.close();
  }
  if (!file) return; // in-memory: nothing to delete
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  console.log(`Database ${file} gewist.`);
}

async function databaseFile(db: Db): Promise<string> {
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db.kysely);
  return rows.find((row) => row.name === 'main')?.file ?? '';
}
