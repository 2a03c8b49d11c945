/**
 * A private Redis and a private PostgreSQL cluster on free ports, in temporary directories, for
 * tests and benches that stop and restart them (outage tests, bench:rush --fault). The shared
 * servers on 5432/6379 are never touched: other tests use them. Each server is a child of
 * this process, so it is stopped by its own pid; `remove()` stops it and deletes its files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PrivateServer {
  url: string;
  /** Stops the server (its data directory stays); resolves once it no longer answers. */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and deletes its files. */
  remove(): Promise<void>;
}

/** Why the private servers cannot run here (binaries absent), or null when they can. */
export function privateServersMissing(): string | null {
  const missing = [onPath('redis-server') ? null : 'redis-server', fs.existsSync(path.join(PG_BIN, 'pg_ctl')) ? null : `${PG_BIN}/pg_ctl`].filter(Boolean);
  return missing.length ? `not installed: ${missing.join(', ')}` : null;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, command)));
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something accepts TCP connections on the port (or rejects after `ms`). */
async function accepting(port: number, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing accepts connections on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A Redis that keeps nothing on disk, like the deployment's (and CI's) Redis. */
export async function startPrivateRedis(): Promise<PrivateServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    child = started;
    await accepting(port);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    remove: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A PostgreSQL 15 cluster of its own (trust authentication, user postgres, database postgres).
 * PostgreSQL refuses to run as root, so as root it runs as the postgres user. `stop()` is an
 * immediate shutdown — a crash as far as the data goes: the restart replays the WAL — so what
 * a test finds afterwards is what was durably committed. `fsync: false` (tests) saves the disk
 * flushes; the WAL still survives a stopped server, only not a machine that loses power.
 */
export async function startPrivatePostgres(options: { fsync?: boolean } = {}): Promise<PrivateServer> {
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const run = (tool: string, args: string[]) => {
    const command = path.join(PG_BIN, tool);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'ignore', cwd: dir });
    else execFileSync(command, args, { stdio: 'ignore', cwd: dir });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=200 -c fsync=${options.fsync === false ? 'off' : 'on'}`;
  const start = async () => {
    run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', path.join(dir, 'log'), '-w', 'start']);
    await accepting(port);
  };
  const stop = async () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    remove: async () => {
      try {
        await stop();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
