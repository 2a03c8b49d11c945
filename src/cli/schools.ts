/** `leerpoort schools add|list`: the operator manages schools (BRIN + dependancecode). */
import type { Command } from 'commander';
import type { AddSchoolInput } from '../organisations/index.js';
import { cliActor, printJson, printTable, withCapabilities } from './runtime.js';

/** The flags map onto the use case's input; only the code's parts have operator names. */
interface AddSchoolOptions extends Omit<AddSchoolInput, 'boardNumber' | 'locationCode'> {
  board: string;
  dependance: string;
  json?: boolean;
}

export function registerSchoolsCommand(program: Command): void {
  const schools = program.command('schools').description('scholen beheren');

  schools
    .command('add')
    .description('een school (of dependance) toevoegen aan een bestuur')
    .requiredOption('--board <bestuursnummer>', 'bestuursnummer van het bestuur')
    .requiredOption('--brin <brin>', 'BRIN-code, bijvoorbeeld 12AB')
    .option('--dependance <code>', 'dependancecode, 00 voor de hoofdvestiging', '00')
    .requiredOption('--name <naam>', 'naam van de school')
    .option('--schoolkey <sleutel>', 'schoolkey uit het LAS')
    .option('--street <straat>', 'straat')
    .option('--house-number <nummer>', 'huisnummer')
    .option('--house-number-suffix <toevoeging>', 'huisnummertoevoeging')
    .option('--postcode <postcode>', 'postcode')
    .option('--city <plaats>', 'plaats')
    .option('--json', 'de nieuwe school als JSON tonen')
    .action(async (options: AddSchoolOptions) => {
      await withCapabilities(async ({ capabilities }) => {
        const { board, dependance, json, ...input } = options;
        const school = await capabilities.organisations.addSchool(cliActor(), { ...input, boardNumber: board, locationCode: dependance });
        if (json) return printJson(school);
        console.log(`School ${school.brin}${school.locationCode} "${school.name}" is toegevoegd (instellingRef ${school.instellingRef}).`);
      });
    });

  schools
    .command('list')
    .description('alle scholen met hun bestuur tonen')
    .option('--json', 'als JSON tonen')
    .action(async (options: { json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const list = await capabilities.organisations.listSchools();
        if (options.json) return printJson(list);
        if (list.length === 0) return console.log('Er zijn nog geen scholen. Voeg er een toe met: leerpoort schools add --board … --brin … --name …');
        printTable(
          ['school', 'naam', 'bestuur', 'plaats', 'actief'],
          list.map((s) => [`${s.brin}${s.locationCode}`, s.name, `${s.boardNumber} ${s.boardName}`, s.address.city, s.active ? 'ja' : 'nee']),
        );
      });
    });
}
