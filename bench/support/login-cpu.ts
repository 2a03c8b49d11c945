/**
 * CPU time of the processes a login benchmark drives, per scenario: the app (this process,
 * argon2id's threads included), and, when they run on this machine, the PostgreSQL backends of
 * the bench database and the Redis server. On a shared machine a throughput figure moves with
 * everyone else's work; CPU milliseconds per login move much less, so they say where a login's
 * cost goes. Redis's figure is the whole server's: other users of a shared Redis add to it.
 */
import fs from 'node:fs';
import pg from 'pg';
import { Redis } from 'ioredis';

/** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ, 100 on every common kernel). */
const TICKS_PER_SECOND = 100;

export interface CpuReading {
  appMs: number;
  /** Per PostgreSQL backend pid, ms; null when the server is not on this machine. */
  postgres: Map<number, number> | null;
  redisMs: number | null;
}

export interface CpuUsed {
  appMs: number;
  postgresMs: number | null;
  redisMs: number | null;
}

/** utime + stime of a local process in ms, or null when it cannot be read (other machine, ended). */
function processCpuMs(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export async function cpuProbe(options: { postgresUrl: string | null; redisUrl: string | null }) {
  const client = options.postgresUrl ? new pg.Client({ connectionString: options.postgresUrl }) : null;
  await client?.connect();
  const redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 1 }) : null;

  async function postgresBackends(): Promise<Map<number, number> | null> {
    if (!client) return null;
    // The app's pool connections to this database; the probe's own backend is left out.
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    const used = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      if (ms === null) return null;
      used.set(pid, ms);
    }
    return used;
  }

  async function redisCpuMs(): Promise<number | null> {
    if (!redis) return null;
    const info = await redis.info('cpu');
    const seconds = (name: string) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? 0);
    return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000;
  }

  async function read(): Promise<CpuReading> {
    const app = process.cpuUsage();
    return { appMs: (app.user + app.system) / 1000, postgres: await postgresBackends(), redisMs: await redisCpuMs() };
  }

  /** CPU used between `before` and now. Backends that appeared meanwhile count from zero. */
  async function since(before: CpuReading): Promise<CpuUsed> {
    const now = await read();
    let postgresMs: number | null = null;
    if (now.postgres && before.postgres) {
      postgresMs = 0;
      for (const [pid, ms] of now.postgres) postgresMs += ms - (before.postgres.get(pid) ?? 0);
    }
    return {
      appMs: now.appMs - before.appMs,
      postgresMs,
      redisMs: now.redisMs !== null && before.redisMs !== null ? now.redisMs - before.redisMs : null,
    };
  }

  async function close(): Promise<void> {
    await client?.end();
    redis?.disconnect();
  }

  return { read, since, close };
}

export type CpuProbe = Awaited<ReturnType<typeof cpuProbe>>;
