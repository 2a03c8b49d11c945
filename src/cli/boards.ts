/** `leerpoort boards add|list`: the operator manages school boards (besturen). */
import type { Command } from 'commander';
import { cliActor, printJson, printTable, withCapabilities } from './runtime.js';

export function registerBoardsCommand(program: Command): void {
  const boards = program.command('boards').description('besturen beheren');

  boards
    .command('add')
    .description('een bestuur toevoegen')
    .requiredOption('--number <bestuursnummer>', 'bestuursnummer (alleen cijfers)')
    .requiredOption('--name <naam>', 'naam van het bestuur')
    .option('--json', 'het nieuwe bestuur als JSON tonen')
    .action(async (options: { number: string; name: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const board = await capabilities.organisations.addBoard(cliActor(), { number: options.number, name: options.name });
        if (options.json) printJson(board);
        else console.log(`Bestuur ${board.number} "${board.name}" is toegevoegd.`);
      });
    });

  boards
    .command('list')
    .description('alle besturen tonen')
    .option('--json', 'als JSON tonen')
    .action(async (options: { json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const list = await capabilities.organisations.listBoards();
        if (options.json) return printJson(list);
        if (list.length === 0) return console.log('Er zijn nog geen besturen. Voeg er een toe met: leerpoort boards add --number … --name …');
        printTable(['bestuursnummer', 'naam'], list.map((board) => [board.number, board.name]));
      });
    });
}
