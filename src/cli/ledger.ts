/**
 * `leerpoort ledger verify`: checks the disclosure ledger's hash chain from the first entry and
 * every consent receipt; exits non-zero naming the first broken entry. The printed head hash can
 * be written down elsewhere (a privacy officer's file): a later verify that ends in the same hash
 * proves nothing before it was rewritten, even by someone with database access.
 */
import type { Command } from 'commander';
import { AppError } from '../lib/errors.js';
import { printJson, withCapabilities } from './runtime.js';

export function registerLedgerCommand(program: Command): void {
  const ledger = program.command('ledger').description('de verstrekkingenlog (wie kreeg welke gegevens, wanneer)');

  ledger
    .command('verify')
    .description('de hele keten en alle ontvangstbewijzen controleren')
    .option('--json', 'de uitkomst als JSON tonen')
    .action(async (options: { json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const result = await capabilities.privacy.ledger.verify();
        if (options.json) printJson(result);
        if (!result.ok) {
          if (result.receiptNumber) throw new AppError('privacy.receipt_broken', { number: result.receiptNumber });
          throw new AppError('privacy.ledger_broken', { seq: result.firstBrokenSeq ?? '–', reason: result.reason });
        }
        if (!options.json) {
          console.log(`De verstrekkingenlog is intact: ${result.entries} verstrekkingen en ${result.receipts} ontvangstbewijzen gecontroleerd.`);
          console.log(`Controlewaarde van de laatste regel: ${result.headHash}`);
        }
      });
    });
}
