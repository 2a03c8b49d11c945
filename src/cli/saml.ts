/**
 * `leerpoort saml add-sp|list-sps|remove-sp|rotate-key|metadata`: the publishers' SAML service
 * providers (registered by their SP metadata) and Leerpoort's own IdP signing key.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../lib/errors.js';
import { cliActor, printJson, printTable, withCapabilities } from './runtime.js';

function readMetadata(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('cli.file_unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? 'onbekende fout' });
  }
}

export function registerSamlCommand(program: Command): void {
  const saml = program.command('saml').description('SAML-koppelingen van uitgeverijen en de ondertekeningssleutel van Leerpoort');

  saml
    .command('add-sp')
    .description('een lesmethode (SAML service provider) aanmelden met haar SP-metadata')
    .requiredOption('--publisher <code>', 'code (slug) van de uitgeverij, zie publishers list')
    .requiredOption('--metadata <bestand>', 'XML-bestand met de SP-metadata van de uitgeverij')
    .requiredOption('--profile <profiel>', 'gegevensprofiel: minimal, standard of with_eck')
    .option('--replace', 'een al aangemelde service provider van dezelfde uitgeverij bijwerken')
    .option('--json', 'als JSON tonen')
    .action(async (options: { publisher: string; metadata: string; profile: string; replace?: boolean; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const sp = await capabilities.saml.serviceProviders.add(cliActor(), { publisherSlug: options.publisher, metadataXml: readMetadata(options.metadata), profile: options.profile, replace: options.replace });
        const { metadataXml: _omit, ...summary } = sp;
        if (options.json) return printJson(summary);
        console.log(
          [
            `Service provider ${sp.entityId} is aangemeld voor uitgeverij ${options.publisher} (profiel ${sp.profile}).`,
            `Antwoordadres(sen): ${sp.acsUrls.join(', ')}`,
            `Uitloggen: ${sp.sloUrl ?? 'geen SingleLogoutService in de metadata'}`,
            `Ondertekende inlogverzoeken: ${sp.authnRequestsSigned ? 'verplicht' : 'niet verplicht'}`,
            `Metadata van Leerpoort voor de uitgeverij: ${capabilities.saml.urls.entityId}`,
          ].join('\n'),
        );
      });
    });

  saml
    .command('list-sps')
    .description('de aangemelde SAML service providers tonen')
    .option('--json', 'als JSON tonen')
    .action(async (options: { json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const list = await capabilities.saml.serviceProviders.list();
        if (options.json) return printJson(list.map(({ metadataXml: _omit, ...sp }) => sp));
        if (list.length === 0) return console.log('Er zijn nog geen SAML service providers aangemeld.');
        const names = new Map((await capabilities.catalogue.publishers.list()).map((p) => [p.id, p.slug]));
        printTable(
          ['entityID', 'uitgeverij', 'profiel', 'ACS', 'SLO', 'verzoek ondertekend'],
          list.map((sp) => [sp.entityId, names.get(sp.publisherId) ?? String(sp.publisherId), sp.profile, sp.acsUrls.join(' '), sp.sloUrl, sp.authnRequestsSigned ? 'ja' : 'nee']),
        );
      });
    });

  saml
    .command('remove-sp')
    .description('een SAML service provider afmelden; inloggen bij die lesmethode lukt daarna niet meer')
    .requiredOption('--entity-id <entityID>', 'entityID van de service provider')
    .action(async (options: { entityId: string }) => {
      await withCapabilities(async ({ capabilities }) => {
        await capabilities.saml.serviceProviders.remove(options.entityId);
        console.log(`Service provider ${options.entityId} is afgemeld.`);
      });
    });

  saml
    .command('rotate-key')
    .description('een nieuwe ondertekeningssleutel maken; het vorige certificaat blijft 30 dagen in de metadata')
    .action(async () => {
      await withCapabilities(async ({ capabilities }) => {
        const key = await capabilities.saml.keys.rotate();
        console.log(`Nieuwe SAML-ondertekeningssleutel ${key.id} is actief. Vraag uitgeverijen hun metadata van ${capabilities.saml.urls.entityId} te verversen.`);
      });
    });

  saml
    .command('metadata')
    .description('de IdP-metadata van Leerpoort tonen (zoals op /saml/metadata)')
    .action(async () => {
      await withCapabilities(async ({ capabilities }) => {
        console.log(await capabilities.saml.metadata());
      });
    });
}
