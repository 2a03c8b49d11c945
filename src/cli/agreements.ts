/**
 * `leerpoort agreements set|end|list`: the operator records the processing agreements
 * (verwerkersovereenkomsten) boards signed with publishers, with the widest sharing profile each allows.
 */
import type { Command } from 'commander';
import { AppError } from '../lib/errors.js';
import type { Capabilities } from '../compose.js';
import { cliActor, printJson, printTable, withCapabilities } from './runtime.js';

async function boardAndPublisher(capabilities: Capabilities, boardNumber: string, slug: string) {
  const board = await capabilities.organisations.boardByNumber(boardNumber.trim());
  if (!board) throw new AppError('organisations.board_not_found', { number: boardNumber });
  const publisher = await capabilities.catalogue.publishers.bySlug(slug);
  if (!publisher) throw new AppError('privacy.publisher_not_found', { publisher: slug });
  return { board, publisher };
}

const PROFILE_NAMES: Record<string, string> = { minimal: 'minimaal', standard: 'standaard', with_eck: 'met ECK iD' };

export function registerAgreementsCommand(program: Command): void {
  const agreements = program.command('agreements').description('verwerkersovereenkomsten tussen besturen en uitgeverijen beheren');

  agreements
    .command('set')
    .description('een verwerkersovereenkomst vastleggen of wijzigen (bestuur × uitgeverij)')
    .requiredOption('--board <bestuursnummer>', 'bestuursnummer van het bestuur')
    .requiredOption('--publisher <slug>', 'de uitgeverij (slug)')
    .requiredOption('--profile <profiel>', 'het ruimste deelprofiel dat de overeenkomst toestaat: minimal, standard of with_eck')
    .option('--reference <kenmerk>', 'kenmerk van de getekende overeenkomst')
    .option('--signed-on <datum>', 'datum van ondertekening (JJJJ-MM-DD)')
    .option('--json', 'de overeenkomst als JSON tonen')
    .action(async (options: { board: string; publisher: string; profile: string; reference?: string; signedOn?: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const { board, publisher } = await boardAndPublisher(capabilities, options.board, options.publisher);
        const actor = cliActor();
        const agreement = await capabilities.privacy.agreements.set(
          { id: actor, name: actor },
          { boardId: board.id, publisherId: publisher.id, profile: options.profile, reference: options.reference ?? null, signedOn: options.signedOn ?? null },
        );
        if (options.json) return printJson(agreement);
        console.log(`Verwerkersovereenkomst ${agreement.reference ?? `#${agreement.id}`} tussen bestuur ${board.number} en ${publisher.name} loopt; deelprofiel: ${PROFILE_NAMES[agreement.profile]}.`);
      });
    });

  agreements
    .command('end')
    .description('een lopende verwerkersovereenkomst beëindigen (daarna worden geen gegevens meer aan de uitgeverij verstrekt)')
    .requiredOption('--board <bestuursnummer>', 'bestuursnummer van het bestuur')
    .requiredOption('--publisher <slug>', 'de uitgeverij (slug)')
    .option('--json', 'de beëindigde overeenkomst als JSON tonen')
    .action(async (options: { board: string; publisher: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const { board, publisher } = await boardAndPublisher(capabilities, options.board, options.publisher);
        const actor = cliActor();
        const agreement = await capabilities.privacy.agreements.end({ id: actor, name: actor }, { boardId: board.id }, publisher.id);
        if (options.json) return printJson(agreement);
        console.log(`Verwerkersovereenkomst tussen bestuur ${board.number} en ${publisher.name} is beëindigd. Scholen van dit bestuur kunnen lesmethoden van deze uitgeverij nu niet meer openen.`);
      });
    });

  agreements
    .command('list')
    .description('verwerkersovereenkomsten tonen (lopend en beëindigd)')
    .option('--board <bestuursnummer>', 'alleen van dit bestuur')
    .option('--json', 'als JSON tonen')
    .action(async (options: { board?: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        let scope: { boardId: number } | null = null;
        if (options.board) {
          const board = await capabilities.organisations.boardByNumber(options.board.trim());
          if (!board) throw new AppError('organisations.board_not_found', { number: options.board });
          scope = { boardId: board.id };
        }
        const list = await capabilities.privacy.agreements.list(scope);
        if (options.json) return printJson(list);
        if (list.length === 0) return console.log('Er zijn nog geen verwerkersovereenkomsten. Leg er een vast met: leerpoort agreements set --board … --publisher … --profile …');
        const [boards, publishers] = await Promise.all([capabilities.organisations.listBoards(), capabilities.catalogue.publishers.list()]);
        const boardNumber = new Map(boards.map((b) => [b.id, b.number]));
        const publisherSlug = new Map(publishers.map((p) => [p.id, p.slug]));
        printTable(
          ['bestuur', 'uitgeverij', 'profiel', 'kenmerk', 'getekend', 'stand', 'sinds', 'beëindigd'],
          list.map((a) => [boardNumber.get(a.boardId) ?? `#${a.boardId}`, publisherSlug.get(a.publisherId) ?? `#${a.publisherId}`, a.profile, a.reference, a.signedOn, a.status === 'active' ? 'lopend' : 'beëindigd', a.startedAt.slice(0, 10), a.endedAt?.slice(0, 10) ?? null]),
        );
      });
    });
}
