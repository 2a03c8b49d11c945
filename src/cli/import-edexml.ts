/**
 * `leerpoort import edexml FILE`: the operator's way into the same import the upload page and
 * the LAS push use. Exit codes let scripts tell "applied" from "refused" from "held".
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, isAppError } from '../lib/errors.js';
import { formatBytes } from '../http/format.js';
import { cliActor, printJson, schoolFromCode, withCapabilities } from './runtime.js';
import { EXIT_REFUSED, exitCodeFor, formatReport, reportFromError, reportFromSummary, type ImportReport } from './import-report.js';

interface ImportOptions {
  school?: string;
  dryRun?: boolean;
  confirm?: boolean;
  json?: boolean;
}

const EXIT_CODES_HELP = `
Afsluitcodes:
  0  toegepast (of proefimport zonder bezwaren)
  1  ander probleem (bestand onleesbaar, database niet bereikbaar, …)
  2  bestand geweigerd: er is niets gewijzigd
  3  wacht op bevestiging: het bestand zou meer leerlingen deactiveren dan de grens
     (IMPORT_GUARD_SHARE); bevestig met --confirm of in de webomgeving`;

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('leerlinggegevens importeren')
    .command('edexml')
    .description('een EDEXML-bestand (2.0 of 2.1) uit het LAS importeren')
    .argument('<file>', 'pad naar het EDEXML-bestand')
    .option('--school <code>', 'BRIN + dependancecode waarvoor u importeert (bijv. 12AB00); anders kiest het bestand de school')
    .option('--dry-run', 'alleen controleren en tellen wat er zou veranderen; niets opslaan')
    .option('--confirm', 'ook toepassen als er meer leerlingen zouden worden gedeactiveerd dan de grens')
    .option('--json', 'één samenvatting als JSON-object tonen')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (file: string, options: ImportOptions) => {
      process.exitCode = await importEdexmlFile(file, options);
    });
}

async function importEdexmlFile(file: string, options: ImportOptions): Promise<number> {
  return withCapabilities(async ({ config, capabilities }) => {
    let report: ImportReport;
    try {
      const schoolId = options.school ? (await schoolFromCode(capabilities, options.school)).id : undefined;
      const content = await readWithinLimit(file, config.import.maxBytes);
      const summary = await capabilities.roster.importEdexml({
        content,
        fileName: path.basename(file),
        source: 'cli',
        actor: cliActor(),
        schoolId,
        mode: options.dryRun ? 'dry_run' : 'apply',
        confirmLargeChange: Boolean(options.confirm),
      });
      report = reportFromSummary(summary);
    } catch (error) {
      // An unreadable file is not a refusal of its content: let it fail as any other error.
      if (!isAppError(error) || error.code === 'cli.file_unreadable') throw error;
      report = reportFromError(error);
      if (!options.json) {
        console.error(report.errors.map((problem) => problem.message).join('\n'));
        return EXIT_REFUSED;
      }
    }
    if (options.json) printJson(report);
    else console.log(formatReport(report, rerunCommand(file, options.school)));
    return exitCodeFor(report, Boolean(options.confirm));
  });
}

/**
 * Reads the file, refusing one larger than the limit before reading it (by its size) and
 * while reading it (a file that grows meanwhile, or a pipe), so a huge file never fills memory.
 */
async function readWithinLimit(file: string, maxBytes: number): Promise<Buffer> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    throw new AppError('cli.file_unreadable', { file, reason: describeFileError(error) });
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new AppError('cli.file_unreadable', { file, reason: 'het is een map' });
    const tooLarge = () => new AppError('request.too_large', { limit: formatBytes(maxBytes) });
    if (stat.size > maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of handle.createReadStream({ start: 0, end: maxBytes, autoClose: false })) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

function describeFileError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'het bestaat niet';
  if (code === 'EACCES' || code === 'EPERM') return 'er zijn geen leesrechten';
  if (code === 'EISDIR') return 'het is een map';
  return (error as Error).message;
}

function shellQuote(value: string): string {
  return /^[\w./:@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function rerunCommand(file: string, school: string | undefined): string {
  return `leerpoort import edexml ${shellQuote(file)}${school ? ` --school ${shellQuote(school)}` : ''}`;
}
