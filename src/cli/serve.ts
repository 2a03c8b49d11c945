/** `leerpoort serve`: run the web server (migrating the database first) until stopped. */
import type { Command } from 'commander';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('de webserver starten (HOST, PORT en DATABASE_URL uit de omgeving)')
    .action(async () => {
      // Loaded only when serving: the other commands start faster without the web stack.
      const { startServer } = await import('../main.js');
      await startServer();
    });
}
