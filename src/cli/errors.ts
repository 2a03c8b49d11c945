/**
 * How the CLI fails: expected errors (bad input, unknown school, bad settings) as one plain
 * Dutch sentence on stderr and exit code 1, without a stack trace; only a real bug shows one.
 * Commander's own usage errors are English; they are put into Dutch here by their code.
 */
import { CommanderError } from 'commander';
import { ConfigError } from '../config/index.js';
import { formatMessage, isAppError } from '../lib/errors.js';

/** The first quoted fragment of a commander message, e.g. `--name <naam>` from "required option '--name <naam>' not specified". */
const quoted = (message: string): string => /'([^']*)'/.exec(message)?.[1] ?? '';

const USAGE_TEXTS: Record<string, (message: string) => string> = {
  'commander.missingMandatoryOptionValue': (m) => `De verplichte optie ${quoted(m)} ontbreekt.`,
  'commander.optionMissingArgument': (m) => `Bij de optie ${quoted(m)} hoort een waarde.`,
  'commander.missingArgument': (m) => `Het argument <${quoted(m)}> ontbreekt.`,
  'commander.unknownOption': (m) => `Onbekende optie ${quoted(m)}.`,
  'commander.unknownCommand': (m) => `Onbekend commando ${quoted(m)}.`,
  'commander.excessArguments': () => 'Te veel argumenten.',
  'commander.invalidArgument': (m) => `Ongeldige waarde bij ${quoted(m)}: ${m.replace(/^.*is invalid\.\s*/, '')}`,
  'commander.conflictingOption': (m) => `Deze opties gaan niet samen: ${m.replace(/^error:\s*/, '')}`,
};

/** Commander "errors" that are really help or version output, which it has already printed. */
const NOT_ERRORS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version', 'commander.executeSubCommandAsync']);

/** Failures to reach the database server (its first query happens while migrating): pg and Node codes. */
const DATABASE_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', '3D000', '28P01', '28000', 'SQLITE_CANTOPEN']);

/** Reports an error thrown by a command and returns the exit code the process should end with. */
export function reportCliError(error: unknown): number {
  if (error instanceof CommanderError) {
    if (NOT_ERRORS.has(error.code)) return error.exitCode;
    const translate = USAGE_TEXTS[error.code];
    process.stderr.write(`${translate ? translate(error.message) : error.message.replace(/^error:\s*/, '')}\nZie leerpoort --help voor de mogelijkheden.\n`);
    return error.exitCode || 1;
  }
  if (isAppError(error) || error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (DATABASE_CONNECTION_CODES.has((error as { code?: string } | null)?.code ?? '')) {
    process.stderr.write(`${formatMessage('database.unavailable', { reason: (error as Error).message })}\n`);
    return 1;
  }
  process.stderr.write(`Er ging iets onverwacht mis. Dit is een fout in Leerpoort; meld het met de tekst hieronder.\n${(error as Error)?.stack ?? String(error)}\n`);
  return 1;
}
