/** `leerpoort migrate`: bring the database schema up to date, e.g. before starting new instances. */
import type { Command } from 'commander';
import { loadConfig } from '../config/index.js';
import { migrateToLatest } from '../db/index.js';
import { openConfiguredDatabase } from './runtime.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('het databaseschema bijwerken naar de nieuwste versie')
    .action(async () => {
      const config = loadConfig();
      const db = openConfiguredDatabase(config.databaseUrl);
      try {
        const { results = [] } = await migrateToLatest(db);
        const applied = results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
        console.log(
          applied.length === 0
            ? `Het schema van ${db.description} is al bijgewerkt.`
            : `${db.description} bijgewerkt met: ${applied.join(', ')}.`,
        );
      } finally {
        await db.close();
      }
    });
}
