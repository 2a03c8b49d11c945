/**
 * What every command shares: open the database named by the configuration, bring its
 * schema up to date, compose the capabilities exactly as the server does, run, and always
 * close the database again (so a pg pool never keeps the process alive).
 */
import os from 'node:os';
import { loadConfig, type Config } from '../config/index.js';
import { openDatabase, migrateToLatest, type Db } from '../db/index.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { composeCapabilities, type Capabilities } from '../compose.js';
import { parseSchoolCode } from '../organisations/index.js';
import { AppError } from '../lib/errors.js';

export interface CommandContext {
  config: Config;
  db: Db;
  clock: Clock;
  capabilities: Capabilities;
}

export async function withCapabilities<T>(run: (context: CommandContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = openConfiguredDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db);
    const capabilities = composeCapabilities({ config, db, clock: systemClock });
    try {
      return await run({ config, db, clock: systemClock, capabilities });
    } finally {
      // A roster import that deactivated pupils may have looked them up in the OIDC store and
      // ended their sessions (both possibly in Redis): an open connection would keep the process alive.
      await capabilities.oidc.runtime.stop();
      await capabilities.sessions.close();
    }
  } finally {
    await db.close();
  }
}

/** Opens the configured database; a path or URL that cannot be used is the operator's to fix, not a bug. */
export function openConfiguredDatabase(databaseUrl: string): Db {
  try {
    return openDatabase(databaseUrl);
  } catch (error) {
    throw new AppError('database.unavailable', { reason: (error as Error).message });
  }
}

/** Who acts, for the audit and import logs: the operating-system user running the command. */
export function cliActor(): string {
  let name: string;
  try {
    name = os.userInfo().username;
  } catch {
    // Containers may run under a uid without a passwd entry; the uid still says who.
    name = `uid-${process.getuid?.() ?? 'onbekend'}`;
  }
  return `cli:${name}`;
}

/** Prints rows as an aligned text table (for `list` commands without --json). */
export function printTable(headers: string[], rows: Array<Array<string | number | null>>): void {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === null ? '–' : String(cell))))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  for (const row of cells) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** The school named by a code like 12AB00 (or 12AB for the main school); refused when unknown. */
export async function schoolFromCode(capabilities: Capabilities, code: string) {
  const { brin, locationCode } = parseSchoolCode(code);
  const school = await capabilities.organisations.schoolByCode(brin, locationCode);
  if (!school) throw new AppError('organisations.school_not_found', { brin, locationCode });
  return school;
}
