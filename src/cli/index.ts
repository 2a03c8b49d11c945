/**
 * The `leerpoort` command (run through bin/leerpoort.mjs). Every operator task is a
 * subcommand in its own file; they compose Leerpoort the same way the server does.
 */
import { Command } from 'commander';
import { registerBoardsCommand } from './boards.js';
import { registerDemoCommand } from './demo.js';
import { registerEckidCommand } from './eckid.js';
import { registerEckidReadinessCommand } from './eckid-readiness.js';
import { registerImportCommand } from './import-edexml.js';
import { registerLasTokensCommand } from './las-tokens.js';
import { registerLoginLinkCommand } from './login-link.js';
import { registerMigrateCommand } from './migrate.js';
import { registerSchoolsCommand } from './schools.js';
import { registerServeCommand } from './serve.js';
import { registerAgreementsCommand } from './agreements.js';
import { registerLedgerCommand } from './ledger.js';
import { registerPublishersCommand } from './publishers.js';
import { registerProductsCommand } from './products.js';
import { registerLicencesCommand } from './licences.js';
import { registerSamlCommand } from './saml.js';
import { registerClientsCommand } from './clients.js';
import { registerKeysCommand } from './keys.js';
import { registerSecretsCommand } from './secrets.js';
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
  registerEckidReadinessCommand(program);
  registerAgreementsCommand(program);
  registerLedgerCommand(program);
  registerPublishersCommand(program);
  registerProductsCommand(program);
  registerLicencesCommand(program);
  registerSamlCommand(program);
  registerClientsCommand(program);
  registerKeysCommand(program);
  registerSecretsCommand(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportCliError(error);
}
