/**
 * `leerpoort eckid hpgn PGN [--salt BASE64]`: prints the hPGN of one BSN or onderwijsnummer,
 * e.g. to compare with what a LAS computed. Without --salt the configured salt is used
 * (ECKID_HPGN_SALT; outside production the test environment's, with the config warning).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config/index.js';
import { decodeSalt, hpgn } from '../eckid/index.js';
import { AppError } from '../lib/errors.js';

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
}

function parseSalt(raw: string): Buffer {
  try {
    return decodeSalt(raw);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
