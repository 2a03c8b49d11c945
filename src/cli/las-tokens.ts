/**
 * `leerpoort las-tokens create|list|revoke`: per-school keys with which a LAS pushes EDEXML
 * files. A new key is printed exactly once; Leerpoort keeps only its hash.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { cliActor, printJson, printTable, schoolFromCode, withCapabilities } from './runtime.js';

export function registerLasTokensCommand(program: Command): void {
  const tokens = program.command('las-tokens').description('LAS-sleutels beheren waarmee een LAS EDEXML-bestanden aanlevert');

  tokens
    .command('create')
    .description('een nieuwe LAS-sleutel maken (wordt één keer getoond)')
    .requiredOption('--school <code>', 'BRIN + dependancecode, bijvoorbeeld 12AB00')
    .requiredOption('--label <naam>', 'waarvoor de sleutel is, bijvoorbeeld "ParnasSys nachtelijke export"')
    .option('--json', 'als JSON tonen')
    .action(async (options: { school: string; label: string; json?: boolean }) => {
      await withCapabilities(async ({ config, capabilities }) => {
        const school = await schoolFromCode(capabilities, options.school);
        const { token, info } = await capabilities.lasTokens.create({ schoolId: school.id }, cliActor(), options.label);
        const pushUrl = `${config.publicUrl}/api/v1/schools/${school.instellingRef}/edexml`;
        if (options.json) return printJson({ token, pushUrl, info });
        console.log(
          [
            `LAS-sleutel ${info.id} "${info.label}" voor ${school.name} (${school.brin}${school.locationCode}) is gemaakt.`,
            '',
            `Sleutel: ${token}`,
            `Adres:   ${pushUrl}`,
            '',
            'Bewaar de sleutel nu in het LAS: hij wordt niet nog eens getoond. Aanleveren gaat zo:',
            `  curl --fail -H "Authorization: Bearer <sleutel>" -H "Content-Type: application/xml" --data-binary @leerlingen.xml ${pushUrl}`,
          ].join('\n'),
        );
      });
    });

  tokens
    .command('list')
    .description('de LAS-sleutels van een school tonen (zonder de sleutels zelf)')
    .requiredOption('--school <code>', 'BRIN + dependancecode, bijvoorbeeld 12AB00')
    .option('--json', 'als JSON tonen')
    .action(async (options: { school: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const school = await schoolFromCode(capabilities, options.school);
        const list = await capabilities.lasTokens.list({ schoolId: school.id });
        if (options.json) return printJson(list);
        if (list.length === 0) return console.log(`${school.name} heeft nog geen LAS-sleutels.`);
        printTable(
          ['id', 'naam', 'gemaakt', 'door', 'laatst gebruikt', 'ingetrokken'],
          list.map((t) => [t.id, t.label, t.createdAt, t.createdBy, t.lastUsedAt, t.revokedAt]),
        );
      });
    });

  tokens
    .command('revoke')
    .description('een LAS-sleutel intrekken; aanleveren met die sleutel lukt daarna niet meer')
    .requiredOption('--school <code>', 'BRIN + dependancecode, bijvoorbeeld 12AB00')
    .requiredOption('--id <id>', 'nummer van de sleutel (zie las-tokens list)', parseId)
    .action(async (options: { school: string; id: number }) => {
      await withCapabilities(async ({ capabilities }) => {
        const school = await schoolFromCode(capabilities, options.school);
        await capabilities.lasTokens.revoke({ schoolId: school.id }, options.id, cliActor());
        console.log(`LAS-sleutel ${options.id} van ${school.name} is ingetrokken.`);
      });
    });
}

function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new InvalidArgumentError('verwacht een positief geheel getal.');
  return id;
}
