/**
 * The composition root: configuration → database → capabilities → HTTP app → listening
 * socket. `leerpoort serve` and `leerpoort demo --serve` start Leerpoort through here.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config/index.js';
import { openDatabase, migrateToLatest, type Db } from './db/index.js';
import { systemClock } from './lib/clock.js';
import { AppError } from './lib/errors.js';
import { composeCapabilities, type Capabilities } from './compose.js';
import { buildApp } from './app.js';

export interface RunningServer {
  config: Config;
  db: Db;
  capabilities: Capabilities;
  app: FastifyInstance;
  /** Where people open Leerpoort: PUBLIC_URL, or the address actually bound when PORT=0. */
  url: string;
  /** Stops accepting requests, lets running ones finish, then closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** Stop gracefully on SIGINT/SIGTERM (default true; tests that start servers turn it off). */
  handleSignals?: boolean;
  /** Print warnings and the address (default true; workers under `serve --workers` leave that to the primary). */
  announce?: boolean;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(options.env);
  // Loud on purpose: a development default in a real deployment is a security problem.
  const announce = options.announce ?? true;
  if (announce) for (const warning of config.warnings) process.stderr.write(`LET OP: ${warning}\n`);

  let db: Db;
  try {
    db = openDatabase(config.databaseUrl);
  } catch (error) {
    throw new AppError('database.unavailable', { reason: (error as Error).message });
  }
  let app: FastifyInstance;
  let capabilities: Capabilities;
  try {
    await migrateToLatest(db);
    capabilities = composeCapabilities({ config, db, clock: systemClock });
    app = await buildApp({ config, db, clock: systemClock, capabilities });
    await listen(app, config);
  } catch (error) {
    await db.close();
    throw error;
  }

  const bound = app.server.address() as AddressInfo;
  const url = config.port === 0 ? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${bound.port}` : config.publicUrl;
  if (announce) process.stdout.write(`Leerpoort draait op ${url} (database: ${db.description}). Stoppen: Ctrl+C.\n`);

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      try {
        await app.close();
      } finally {
        await db.close();
      }
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      process.stderr.write('Tweede stopsignaal: Leerpoort stopt direct.\n');
      process.exit(1);
    }
    process.stdout.write(`${signal} ontvangen: Leerpoort rondt lopende verzoeken af en stopt.\n`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Netjes stoppen is mislukt: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  if (options.handleSignals ?? true) process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

  return { config, db, capabilities, app, url, close };
}

async function listen(app: FastifyInstance, config: Config): Promise<void> {
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new AppError('server.address_in_use', { host: config.host, port: config.port });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new AppError('server.address_unavailable', { host: config.host });
    throw error;
  }
}
