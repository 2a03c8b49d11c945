/**
 * `leerpoort secrets reseal`: the second half of a SECRET_KEY rotation (docs/operations.md).
 * Every sealed value that opens under SECRET_KEY_PREVIOUS is sealed again under SECRET_KEY;
 * a value no configured key opens is listed, left alone, and ends the command with exit code 4.
 */
import type { Command } from 'commander';
import type { ResealReport } from '../db/index.js';
import { formatMessage } from '../lib/errors.js';
import { cliActor, printJson, printTable, withCapabilities } from './runtime.js';

/** Some values opened under no configured key; the others were re-sealed (docs/cli.md). */
export const EXIT_UNREADABLE = 4;
const UNREADABLE = 'secrets.unreadable_values';

export function registerSecretsCommand(program: Command): void {
  const secrets = program.command('secrets').description('versleutelde geheimen beheren (wisselen van SECRET_KEY)');

  secrets
    .command('reseal')
    .description('alle versleutelde waarden opnieuw versleutelen onder de huidige SECRET_KEY (na een sleutelwissel)')
    .option('--dry-run', 'alleen tellen, niets veranderen')
    .option('--json', 'als JSON tonen')
    .action(async (options: { dryRun?: boolean; json?: boolean }) => {
      await withCapabilities(async ({ capabilities, config }) => {
        const report = await capabilities.secrets.reseal(cliActor(), { dryRun: Boolean(options.dryRun) });
        const unreadable = report.unreadable.length;
        if (options.json) printJson({ ...report, error: unreadable > 0 ? UNREADABLE : null });
        else printReport(report, config.secretKeyPrevious !== null);
        if (unreadable > 0) {
          process.stderr.write(`${formatMessage(UNREADABLE, { count: unreadable })} (foutcode ${UNREADABLE})\n`);
          process.exitCode = EXIT_UNREADABLE;
        }
      });
    });
}

function printReport(report: ResealReport, previousKeySet: boolean): void {
  console.log(report.dryRun
    ? 'Proefdraaien (--dry-run): er is niets veranderd. Zo staan de versleutelde waarden ervoor:'
    : 'Versleutelde waarden opnieuw versleuteld onder de huidige SECRET_KEY:');
  printTable(
    ['soort', 'al met huidige sleutel', report.dryRun ? 'opnieuw te versleutelen' : 'opnieuw versleuteld', 'onversleuteld aangetroffen', 'intussen gewijzigd', 'onleesbaar'],
    report.kinds.map((k) => [k.label, k.current, k.resealed, k.sealedPlaintext, k.changedMeanwhile, k.unreadable]),
  );
  if (report.unreadable.length > 0) {
    console.log('Onleesbaar, niet veranderd (soort, tabel, sleutel van de rij):');
    for (const value of report.unreadable) console.log(`  ${value.kind}  ${value.table}  ${value.key}`);
  } else if (!report.dryRun) {
    console.log(previousKeySet
      ? 'Alles staat nu onder de huidige SECRET_KEY. Haal SECRET_KEY_PREVIOUS weg en start de servers opnieuw.'
      : 'Alles staat onder de huidige SECRET_KEY.');
  }
}
