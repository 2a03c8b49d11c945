/**
 * `leerpoort eck-dekking momentopname|overeenkomst|school`: the ECK iD readiness check from the
 * command line. `momentopname` stores today's coverage of every active school (run it daily,
 * e.g. from cron or a systemd timer; imports also snapshot their school); `overeenkomst`
 * records a board's agreement with the Nummervoorziening; `school` prints a school's coverage
 * per reason (never an ECK iD).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { AppError } from '../lib/errors.js';
import { reasonCodes, reasonGroupLabels } from '../eckid/index.js';
import { cliActor, printJson, printTable, schoolFromCode, withCapabilities } from './runtime.js';

function yesNo(value: string): boolean {
  if (value === 'ja') return true;
  if (value === 'nee') return false;
  throw new InvalidArgumentError('kies ja of nee');
}

export function registerEckidReadinessCommand(program: Command): void {
  const command = program.command('eck-dekking').description("ECK iD-gereedheid: dekking per school en bestuur, redenen, overeenkomst met de Nummervoorziening");

  command
    .command('momentopname')
    .description('de dekking van vandaag van iedere actieve school vastleggen (dagelijks draaien)')
    .action(async () => {
      await withCapabilities(async ({ capabilities }) => {
        const count = await capabilities.eckidReadiness.snapshotAll();
        console.log(`Dekking van ${count} school${count === 1 ? '' : 'en'} vastgelegd.`);
      });
    });

  command
    .command('overeenkomst')
    .description('vastleggen of een bestuur een overeenkomst met de Nummervoorziening heeft')
    .requiredOption('--bestuur <nummer>', 'bestuursnummer')
    .requiredOption('--getekend <ja|nee>', 'ja of nee', yesNo)
    .action(async (options: { bestuur: string; getekend: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const board = await capabilities.organisations.boardByNumber(options.bestuur);
        if (!board) throw new AppError('eckid_readiness.board_not_found');
        await capabilities.eckidReadiness.setBoardAgreement(cliActor(), board.id, options.getekend);
        console.log(`${board.name}: overeenkomst met de Nummervoorziening ${options.getekend ? 'getekend' : 'niet getekend'}.`);
      });
    });

  command
    .command('school')
    .description('de dekking van een school en het aantal leerlingen zonder ECK iD per reden tonen')
    .requiredOption('--school <code>', 'BRIN + dependancecode, bijvoorbeeld 12AB00')
    .option('--json', 'als JSON tonen')
    .action(async (options: { school: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const school = await schoolFromCode(capabilities, options.school);
        const report = await capabilities.eckidReadiness.schoolReadiness(school.id);
        const c = report.coverage;
        if (options.json) return printJson({ coverage: c, trend: report.trend });
        console.log(`${school.name}: ${c.withEckid} van ${c.pupils} leerlingen hebben een ECK iD (${Math.round(c.share * 100)}%); ${c.missing} ontbreken, ${c.expectedWithout} zonder ECK iD verwacht.`);
        printTable(['reden', 'aantal'], reasonCodes.filter((code) => c.byReason[code] > 0).map((code) => [reasonGroupLabels[code], c.byReason[code]]));
      });
    });
}
