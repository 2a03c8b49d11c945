/**
 * `leerpoort eckid hpgn PGN [--salt BASE64]`: prints the hPGN of one BSN or onderwijsnummer,
 * e.g. to compare with what a LAS computed. Without --salt the configured salt is used
 * (ECKID_HPGN_SALT; outside production the test environment's, with the config warning).
 * `leerpoort eckid aanvragen SCHOOL aan|uit` sets "Leerpoort vraagt ECK iD's aan" for a school;
 * `leerpoort eckid voortgang SCHOOL` shows how far its requests are.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config/index.js';
import { decodeSalt, hpgn } from '../eckid/index.js';
import { AppError } from '../lib/errors.js';
import { cliActor, printJson, schoolFromCode, withCapabilities } from './runtime.js';

export function registerEckidHpgnCommand(eckid: Command): void {
  eckid
    .command('hpgn')
    .description('de hPGN (gehashte BSN of onderwijsnummer) berekenen zoals de Nummervoorziening die verwacht')
    .argument('<pgn>', 'het BSN of onderwijsnummer')
    .option('--salt <base64>', 'de salt van de omgeving (standaard: ECKID_HPGN_SALT)', parseSalt)
    .action(async (pgn: string, options: { salt?: Buffer }) => {
      let salt = options.salt;
      if (salt === undefined) {
        const config = loadConfig();
        for (const warning of config.warnings.filter((text) => text.includes('ECKID_HPGN_SALT'))) process.stderr.write(`Let op: ${warning}\n`);
        if (config.eckidRequests.hpgnSalt === null) throw new AppError('eckid.hpgn_salt_missing');
        salt = decodeSalt(config.eckidRequests.hpgnSalt);
      }
      console.log(await hpgn(pgn, salt));
    });

  eckid
    .command('aanvragen')
    .description("instellen of Leerpoort ECK iD's aanvraagt voor een school (aan of uit)")
    .argument('<school>', 'BRIN met dependancecode, bijvoorbeeld 12AB00')
    .argument('<aan|uit>', 'aan of uit', parseOnOff)
    .action(async (code: string, enabled: boolean) => {
      await withCapabilities(async ({ capabilities }) => {
        const school = await schoolFromCode(capabilities, code);
        await capabilities.eckidRequests.setRequestsEnabled({ schoolId: school.id, boardId: school.boardId }, enabled, cliActor());
        console.log(`${school.name}: Leerpoort vraagt ${enabled ? "nu ECK iD's aan voor leerlingen zonder ECK iD (bij de volgende import)" : "geen ECK iD's meer aan"}.`);
      });
    });

  eckid
    .command('voortgang')
    .description("hoe ver de ECK iD-aanvragen van een school zijn")
    .argument('<school>', 'BRIN met dependancecode, bijvoorbeeld 12AB00')
    .option('--json', 'als JSON')
    .action(async (code: string, options: { json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const school = await schoolFromCode(capabilities, code);
        const progress = await capabilities.eckidRequests.progress(school.id);
        if (options.json) return printJson(progress);
        console.log(`${school.name}: ${progress.done} van ${progress.total} ECK iD's ontvangen, ${progress.waiting} bezig, ${progress.skipped} niet meer nodig, ${progress.failed} mislukt.`);
        for (const [reason, count] of Object.entries(progress.failures)) console.log(`  mislukt (${reason}): ${count}`);
      });
    });
}

function parseOnOff(raw: string): boolean {
  if (raw === 'aan' || raw === 'uit') return raw === 'aan';
  throw new InvalidArgumentError('kies aan of uit.');
}

function parseSalt(raw: string): Buffer {
  try {
    return decodeSalt(raw);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
