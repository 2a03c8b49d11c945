/** `leerpoort serve`: run the web server (migrating the database first) until stopped. */
import { InvalidArgumentError, type Command } from 'commander';

const MAX_WORKERS = 64;

function parseWorkers(value: string): number {
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) throw new InvalidArgumentError(`kies een geheel getal van 1 tot en met ${MAX_WORKERS}`);
  return workers;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('de webserver starten (HOST, PORT en DATABASE_URL uit de omgeving)')
    .option('--workers <aantal>', 'aantal serverprocessen op dezelfde poort (meer dan 1 alleen met PostgreSQL)', parseWorkers, 1)
    .action(async (options: { workers: number }) => {
      // Loaded only when serving: the other commands start faster without the web stack.
      if (options.workers > 1) {
        const { serveWithWorkers } = await import('./serve-workers.js');
        await serveWithWorkers(options.workers);
        return;
      }
      const { startServer } = await import('../main.js');
      await startServer();
    });
}
