/** `leerpoort publishers add|list|add-target|targets`: the operator manages publishers (uitgeverijen). */
import type { Command } from 'commander';
import { AppError } from '../lib/errors.js';
import { cliActor, printJson, printTable, withCapabilities } from './runtime.js';

export function registerPublishersCommand(program: Command): void {
  const publishers = program.command('publishers').description('uitgeverijen beheren');

  publishers
    .command('add')
    .description('een uitgeverij toevoegen')
    .requiredOption('--slug <korte-naam>', 'korte naam, bijvoorbeeld malmberg (ook de pseudoniemsector; verandert nooit)')
    .requiredOption('--name <naam>', 'naam van de uitgeverij')
    .option('--json', 'de nieuwe uitgeverij als JSON tonen')
    .action(async (options: { slug: string; name: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const publisher = await capabilities.catalogue.publishers.add(cliActor(), { slug: options.slug, name: options.name });
        if (options.json) printJson(publisher);
        else console.log(`Uitgeverij ${publisher.slug} "${publisher.name}" is toegevoegd.`);
      });
    });

  publishers
    .command('list')
    .description('alle uitgeverijen tonen')
    .option('--json', 'als JSON tonen')
    .action(async (options: { json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const list = await capabilities.catalogue.publishers.list();
        if (options.json) return printJson(list);
        if (list.length === 0) return console.log('Er zijn nog geen uitgeverijen. Voeg er een toe met: leerpoort publishers add --slug … --name …');
        printTable(['korte naam', 'naam', 'id'], list.map((p) => [p.slug, p.name, p.id]));
      });
    });

  publishers
    .command('add-target')
    .description('een doeladres voor snelkoppelingen (/snelkoppelaar?TARGET=…) aanmelden; eindigt het op /, dan mag alles daaronder')
    .requiredOption('--publisher <korte-naam>', 'de uitgeverij')
    .requiredOption('--url <adres>', 'volledig https-adres')
    .option('--json', 'als JSON tonen')
    .action(async (options: { publisher: string; url: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const target = await capabilities.catalogue.shortcuts.add(cliActor(), { publisherSlug: options.publisher, url: options.url });
        if (options.json) printJson(target);
        else console.log(`Doeladres ${target.url} is aangemeld voor ${options.publisher}.`);
      });
    });

  publishers
    .command('targets')
    .description('de aangemelde doeladressen van een uitgeverij tonen')
    .requiredOption('--publisher <korte-naam>', 'de uitgeverij')
    .option('--json', 'als JSON tonen')
    .action(async (options: { publisher: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const publisher = await capabilities.catalogue.publishers.bySlug(options.publisher);
        if (!publisher) throw new AppError('catalogue.publisher_not_found', { publisher: options.publisher });
        const targets = await capabilities.catalogue.shortcuts.list(publisher.id);
        if (options.json) return printJson(targets);
        if (targets.length === 0) return console.log(`${publisher.name} heeft nog geen doeladressen aangemeld.`);
        for (const target of targets) console.log(target.url);
      });
    });
}
