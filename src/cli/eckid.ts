/**
 * `leerpoort eckid …`: ECK iD tasks. Each subcommand lives in its own file and registers itself
 * on the `eckid` command here.
 */
import type { Command } from 'commander';
import { registerEckidHpgnCommand } from './eckid-hpgn.js';
import { registerEckidSandboxCommand } from './eckid-sandbox.js';

export function registerEckidCommand(program: Command): void {
  const eckid = program.command('eckid').description("ECK iD's: hPGN berekenen, de Nummervoorziening (sandbox) en de dekking");
  registerEckidHpgnCommand(eckid);
  registerEckidSandboxCommand(eckid);
}
