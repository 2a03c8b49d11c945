/** `leerpoort products add|list`: the operator registers a publisher's methods and products. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../lib/errors.js';
import { cliActor, printJson, printTable, withCapabilities } from './runtime.js';

const ICON_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

/** An icon file as a data: URL, so Leerpoort's own pages can show it under their strict CSP. */
function iconFromFile(file: string): string {
  const type = ICON_TYPES[path.extname(file).toLowerCase()];
  if (!type) throw new AppError('catalogue.invalid_url', { url: file });
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch {
    throw new AppError('catalogue.invalid_url', { url: file });
  }
  return `data:${type};base64,${content.toString('base64')}`;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerProductsCommand(program: Command): void {
  const products = program.command('products').description('methodes en producten van uitgeverijen beheren');

  products
    .command('add')
    .description('een product (methode) toevoegen')
    .requiredOption('--publisher <korte-naam>', 'de uitgeverij')
    .requiredOption('--code <code>', 'code van het product bij de uitgeverij')
    .requiredOption('--name <naam>', 'naam zoals op de tegel')
    .requiredOption('--launch-url <adres>', 'startadres van de methode (https)')
    .requiredOption('--protocol <oidc|saml>', 'hoe de methode inlogt')
    .option('--tag <label>', 'leerkrachtApplicatie of toetsApplicatie (herhaalbaar)', collect, [])
    .option('--icon-url <adres>', 'pictogram als https- of data:image-adres')
    .option('--icon-file <bestand>', 'pictogram uit een .svg/.png/.jpg-bestand')
    .option('--saml-entity-id <entityID>', 'entityID van de uitgeverij (verplicht bij saml)')
    .option('--json', 'het nieuwe product als JSON tonen')
    .action(async (options: { publisher: string; code: string; name: string; launchUrl: string; protocol: string; tag: string[]; iconUrl?: string; iconFile?: string; samlEntityId?: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const product = await capabilities.catalogue.products.add(cliActor(), {
          publisherSlug: options.publisher,
          code: options.code,
          name: options.name,
          launchUrl: options.launchUrl,
          protocol: options.protocol,
          tags: options.tag,
          iconUrl: options.iconFile ? iconFromFile(options.iconFile) : (options.iconUrl ?? null),
          samlEntityId: options.samlEntityId ?? null,
        });
        if (options.json) printJson(product);
        else console.log(`Product ${product.code} "${product.name}" (id ${product.id}) is toegevoegd aan ${options.publisher}.`);
      });
    });

  products
    .command('list')
    .description('producten tonen')
    .option('--publisher <korte-naam>', 'alleen van deze uitgeverij')
    .option('--json', 'als JSON tonen')
    .action(async (options: { publisher?: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const { catalogue } = capabilities;
        let publisherId: number | undefined;
        if (options.publisher) {
          const publisher = await catalogue.publishers.bySlug(options.publisher);
          if (!publisher) throw new AppError('catalogue.publisher_not_found', { publisher: options.publisher });
          publisherId = publisher.id;
        }
        const list = await catalogue.products.list({ publisherId });
        if (options.json) return printJson(list);
        if (list.length === 0) return console.log('Er zijn nog geen producten. Voeg er een toe met: leerpoort products add …');
        const names = new Map((await catalogue.publishers.list()).map((p) => [p.id, p.slug]));
        printTable(['id', 'uitgeverij', 'code', 'naam', 'protocol', 'labels'], list.map((p) => [p.id, names.get(p.publisherId) ?? '', p.code, p.name, p.protocol, p.tags.join(',') || null]));
      });
    });
}
