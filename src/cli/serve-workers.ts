/**
 * `leerpoort serve --workers N`: N copies of the server on one port (node:cluster hands each
 * new connection to a worker). Every copy is stateless — sessions, throttles and protocol state
 * live in PostgreSQL/Redis — so any request may land on any worker, and a worker that dies is
 * replaced while the others keep serving. SQLite is an embedded single-process database, so
 * several workers need PostgreSQL.
 */
import cluster, { type Worker } from 'node:cluster';
import { loadConfig } from '../config/index.js';
import { isPostgresUrl, migrateToLatest } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { openConfiguredDatabase } from './runtime.js';
import { startServer, type RunningServer } from '../main.js';

/** The primary's request to a worker: finish what is running, then exit. */
const STOP_MESSAGE = 'leerpoort:stop';
/** A worker that dies this soon after starting is crashing, not failing once: stop replacing it. */
const CRASH_WINDOW_MS = 10_000;
const MAX_QUICK_CRASHES = 3;

export async function serveWithWorkers(workers: number): Promise<void> {
  if (cluster.isWorker) return runWorker();
  const config = loadConfig();
  if (!isPostgresUrl(config.databaseUrl)) throw new AppError('server.workers_need_postgres', { workers });
  for (const warning of config.warnings) process.stderr.write(`LET OP: ${warning}\n`);

  // Migrate once here, so N workers do not all queue on the migration lock at start.
  const db = openConfiguredDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db);
  } finally {
    await db.close();
  }

  let stopping = false;
  let quickCrashes = 0;
  const startedAt = new Map<number, number>();
  let listening = 0;
  /** Workers that finished starting; only they can act on the stop message (see stopAll). */
  const serving = new Set<number>();

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.once('listening', (address) => {
      serving.add(worker.id);
      listening++;
      if (listening === workers) {
        process.stdout.write(`Leerpoort draait op ${config.port === 0 ? `http://${config.host}:${address.port}` : config.publicUrl} met ${workers} processen (database: PostgreSQL). Stoppen: Ctrl+C.\n`);
      }
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    quickCrashes = lived < CRASH_WINDOW_MS ? quickCrashes + 1 : 0;
    if (quickCrashes >= MAX_QUICK_CRASHES) {
      process.stderr.write(`Proces ${worker.process.pid} stopte ${quickCrashes} keer vlak na de start; Leerpoort stopt. Zie de meldingen hierboven.\n`);
      stopAll(1);
      return;
    }
    process.stderr.write(`Proces ${worker.process.pid} stopte onverwacht (${signal ?? `code ${code}`}); er start een nieuw proces. De andere processen blijven bedienen.\n`);
    fork();
  });

  const stopAll = (exitCode: number) => {
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    if (running.length === 0) process.exit(exitCode);
    let left = running.length;
    for (const worker of running) {
      worker.once('exit', () => {
        if (--left === 0) process.exit(exitCode);
      });
      // A worker still starting up has no requests to finish and may not listen for messages yet.
      if (serving.has(worker.id)) worker.send(STOP_MESSAGE);
      else worker.process.kill('SIGTERM');
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    process.stdout.write(`${signal} ontvangen: alle processen ronden lopende verzoeken af en stoppen.\n`);
    stopAll(0);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

  for (let i = 0; i < workers; i++) fork();
}

async function runWorker(): Promise<void> {
  // The terminal's Ctrl+C reaches workers too; they stop through the primary's message instead.
  process.on('SIGINT', () => {});
  let server: RunningServer | null = null;
  let stopping = false;
  const stop = () => {
    if (stopping || !server) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  let stopRequested = false;
  // Listen before starting: a stop can arrive while this worker is still starting up.
  process.on('message', (message) => {
    if (message !== STOP_MESSAGE) return;
    stopRequested = true;
    stop();
  });
  // The primary is gone (killed): a worker must not live on without it.
  process.on('disconnect', () => {
    stopRequested = true;
    stop();
  });
  server = await startServer({ handleSignals: false, announce: false });
  if (stopRequested) stop();
}
