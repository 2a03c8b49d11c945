/** `leerpoort licences grant|revoke|list`: licences of a school for a school year. */
import type { Command } from 'commander';
import { AppError } from '../lib/errors.js';
import type { Capabilities } from '../compose.js';
import type { LicenceHolder } from '../catalogue/index.js';
import { cliActor, printJson, printTable, schoolFromCode, withCapabilities } from './runtime.js';

interface HolderOptions {
  group?: string;
  groupId?: string;
  pupil?: string;
  staff?: string;
  eckid?: string;
}

/** At most one holder option; none means the whole school. */
function holderOf(options: HolderOptions): LicenceHolder {
  const given = (['group', 'groupId', 'pupil', 'staff', 'eckid'] as const).filter((key) => options[key] !== undefined);
  if (given.length > 1) throw new AppError('catalogue.invalid_licence_holder', {});
  const id = (value: string) => (/^\d{1,15}$/.test(value) ? Number(value) : 0);
  if (options.group !== undefined) return { kind: 'groupName', name: options.group };
  if (options.groupId !== undefined) return { kind: 'group', groupId: id(options.groupId) };
  if (options.pupil !== undefined) return { kind: 'pupil', pupilId: id(options.pupil) };
  if (options.staff !== undefined) return { kind: 'staffEmail', email: options.staff };
  if (options.eckid !== undefined) return { kind: 'eckid', eckid: options.eckid };
  return { kind: 'school' };
}

/** `--product 12` (id) or `--product malmberg/pluspunt-4` (publisher/code). */
async function productOf(capabilities: Capabilities, ref: string) {
  const { catalogue } = capabilities;
  if (/^\d{1,15}$/.test(ref)) {
    const product = await catalogue.products.byId(Number(ref));
    if (product) return product;
  } else {
    const [slug, code] = ref.split('/', 2);
    const publisher = code ? await catalogue.publishers.bySlug(slug) : null;
    const product = publisher ? (await catalogue.products.list({ publisherId: publisher.id })).find((p) => p.code === code) : undefined;
    if (product) return product;
  }
  throw new AppError('catalogue.product_not_found', { product: ref });
}

export function registerLicencesCommand(program: Command): void {
  const licences = program.command('licences').description('licenties van scholen beheren');

  licences
    .command('grant')
    .description('een licentie toekennen aan de hele school, een groep, een leerling, een medewerker of een ECK iD')
    .requiredOption('--school <brin>', 'school, bijvoorbeeld 12AB00')
    .requiredOption('--product <product>', 'product-id of uitgeverij/code, bijvoorbeeld malmberg/pluspunt-4')
    .option('--year <schooljaar>', 'schooljaar, bijvoorbeeld 2026-2027 (standaard het huidige)')
    .option('--group <naam>', 'alleen voor deze groep (naam)')
    .option('--group-id <id>', 'alleen voor deze groep (id)')
    .option('--pupil <id>', 'alleen voor deze leerling (id)')
    .option('--staff <e-mailadres>', 'alleen voor deze medewerker')
    .option('--eckid <eckid>', 'alleen voor dit ECK iD')
    .option('--json', 'als JSON tonen')
    .action(async (options: HolderOptions & { school: string; product: string; year?: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const school = await schoolFromCode(capabilities, options.school);
        const product = await productOf(capabilities, options.product);
        const result = await capabilities.catalogue.licences.grant(cliActor(), { schoolId: school.id, productId: product.id, schoolYear: options.year, holder: holderOf(options) });
        if (options.json) return printJson(result);
        console.log(result.created
          ? `Licentie ${result.id} voor "${product.name}" is toegekend aan ${school.name} voor schooljaar ${result.schoolYear}.`
          : `Deze licentie bestond al (licentie ${result.id}); er is niets gewijzigd.`);
      });
    });

  licences
    .command('revoke')
    .description('een licentie intrekken')
    .requiredOption('--school <brin>', 'school, bijvoorbeeld 12AB00')
    .requiredOption('--id <licentie>', 'id van de licentie (zie licences list)')
    .action(async (options: { school: string; id: string }) => {
      await withCapabilities(async ({ capabilities }) => {
        const school = await schoolFromCode(capabilities, options.school);
        const licenceId = /^\d{1,15}$/.test(options.id) ? Number(options.id) : 0;
        await capabilities.catalogue.licences.revoke(cliActor(), { schoolId: school.id, licenceId });
        console.log(`Licentie ${licenceId} van ${school.name} is ingetrokken.`);
      });
    });

  licences
    .command('list')
    .description('de licenties van een school tonen, met de opzegdatum')
    .requiredOption('--school <brin>', 'school, bijvoorbeeld 12AB00')
    .option('--json', 'als JSON tonen')
    .action(async (options: { school: string; json?: boolean }) => {
      await withCapabilities(async ({ capabilities }) => {
        const school = await schoolFromCode(capabilities, options.school);
        const list = await capabilities.catalogue.licences.listForSchool(school.id);
        if (options.json) return printJson(list);
        if (list.length === 0) return console.log(`${school.name} heeft nog geen licenties.`);
        printTable(
          ['id', 'product', 'uitgeverij', 'schooljaar', 'voor', 'opzeggen tot en met', 'status'],
          list.map((l) => [l.id, l.productName, l.publisherName, l.schoolYear, l.holder.label, l.cancellationDeadline, l.revokedAt ? `ingetrokken ${l.revokedAt.slice(0, 10)}` : 'actief']),
        );
      });
    });
}
