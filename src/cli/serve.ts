/** `leerpoort serve`: run the web server (migrating the database first) until stopped. */
import type { Command } from 'commander';
import { startServer } from '../main.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('de webserver starten (HOST, PORT en DATABASE_URL uit de omgeving)')
    .action(async () => {
      await startServer();
    });
}
