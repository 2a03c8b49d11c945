/**
 * The `leerpoort` command (run through bin/leerpoort.mjs). Every operator task is a
 * subcommand in its own file; they compose Leerpoort the same way the server does.
 */
import { Command } from 'commander';
import { registerBoardsCommand } from './boards.js';
import { registerDemoCommand } from './demo.js';
import { registerEckidCommand } from './eckid.js';
import { registerImportCommand } from './import-edexml.js';
import { registerLasTokensCommand } from './las-tokens.js';
import { registerLoginLinkCommand } from './login-link.js';
import { registerMigrateCommand } from './migrate.js';
import { registerSchoolsCommand } from './schools.js';
import { registerServeCommand } from './serve.js';
import { reportCliError } from './errors.js';

function buildProgram(): Command {
  const program = new Command('leerpoort')
    .description('Leerpoort: de toegangspoort tot digitale leermiddelen voor het primair onderwijs')
    .helpOption('-h, --help', 'deze hulp tonen')
    .helpCommand('help [commando]', 'hulp bij een commando tonen')
    .showSuggestionAfterError(false)
    // Errors are reported once, in Dutch, by reportCliError; commander only prints help.
    .configureOutput({ outputError: () => {} })
    .exitOverride();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerDemoCommand(program);
  registerBoardsCommand(program);
  registerSchoolsCommand(program);
  registerImportCommand(program);
  registerLasTokensCommand(program);
  registerLoginLinkCommand(program);
  registerEckidCommand(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportCliError(error);
}
