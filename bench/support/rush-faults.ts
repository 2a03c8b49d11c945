/**
 * The faults of `bench:rush --fault`: what is broken mid-rush, how the answers looked second by
 * second around it, and whether everything that was answered with success left its durable
 * trace. The servers the faults break are the bench's own (test/helpers/private-servers.ts),
 * never the shared ones.
 */
import fs from 'node:fs';
import { execFileSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import type { PrivateServer } from '../../test/helpers/private-servers.js';
import type { RushResult, TimelineSecond } from './rush-load.js';

export const FAULTS = ['kill-instance', 'restart-redis', 'restart-pg'] as const;
export type Fault = (typeof FAULTS)[number];

/** When (wall clock, ms) the fault began and when the broken part was back, with what was seen. */
export interface FaultRecord {
  fault: Fault;
  startedAt: number;
  backAt: number;
  notes: string[];
}

export interface FaultTargets {
  server: ChildProcess;
  /** The server's stderr so far (the primary reports replaced workers there). */
  serverLog: () => string;
  redis: PrivateServer;
  postgres: PrivateServer;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The worker processes of `serve --workers`: the primary's children that run leerpoort (tsx's esbuild service is a child too). */
function workerPids(primary: ChildProcess): number[] {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(primary.pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('leerpoort');
    } catch {
      return false;
    }
  });
}

/** Breaks the part, keeps it down `downMs` (restarts), and records what happened. */
export async function injectFault(fault: Fault, targets: FaultTargets, downMs: number): Promise<FaultRecord> {
  const notes: string[] = [];
  if (fault === 'kill-instance') {
    const before = workerPids(targets.server);
    const victim = before[0];
    if (victim === undefined) throw new Error('no worker process found to kill');
    const startedAt = Date.now();
    process.kill(victim, 'SIGKILL');
    notes.push(`SIGKILL to worker ${victim} of ${before.join(', ')}`);
    // The primary forks a replacement; wait until it is there (or give up after 10 s).
    for (let waited = 0; waited < 10_000; waited += 100) {
      const now = workerPids(targets.server);
      const fresh = now.filter((pid) => !before.includes(pid));
      if (fresh.length > 0) {
        notes.push(`replacement worker ${fresh.join(', ')} forked ${((Date.now() - startedAt) / 1000).toFixed(1)} s after the kill; workers now ${now.join(', ')}`);
        break;
      }
      await pause(100);
    }
    await pause(200); // let the primary's stderr (written before it forked) reach us
    const said = /Proces \d+ stopte onverwacht[^\n]*/.exec(targets.serverLog())?.[0];
    if (said) notes.push(`the primary said: "${said}"`);
    return { fault, startedAt, backAt: startedAt, notes };
  }
  const part = fault === 'restart-redis' ? targets.redis : targets.postgres;
  const startedAt = Date.now();
  await part.stop();
  notes.push(`${fault === 'restart-redis' ? 'Redis stopped (SIGTERM; it keeps nothing on disk, so sessions and counters are gone)' : 'PostgreSQL stopped (pg_ctl -m immediate: a crash, WAL replayed on start)'} in ${Date.now() - startedAt} ms`);
  await pause(Math.max(0, downMs - (Date.now() - startedAt)));
  const restartAt = Date.now();
  await part.start();
  const backAt = Date.now();
  notes.push(`started again after ${((restartAt - startedAt) / 1000).toFixed(1)} s down; accepting connections ${backAt - restartAt} ms later`);
  return { fault, startedAt, backAt, notes };
}

const sumFailed = (s: TimelineSecond | undefined, only: (kind: string) => boolean = () => true) =>
  Object.entries(s?.failed ?? {}).reduce((a, [kind, n]) => a + (only(kind) ? n : 0), 0);
/** A person sent to sign in again: her session was lost (Redis keeps nothing on disk), not a failure of the moment. */
const isSignInAgain = (kind: string) => kind.includes('/inloggen');
/** A failure caused by the fault while it lasts: a 5xx, a cut connection, or a refusal (4xx) the outage provoked. */
const isOutage = (kind: string) => !isSignInAgain(kind);

/** The per-second timeline around the fault, the recovery time and the throughput before/after. */
export function faultReport(result: RushResult, record: FaultRecord): string[] {
  const faultSecond = Math.floor((record.startedAt - result.startAt) / 1000);
  const backSecond = Math.floor((record.backAt - result.startAt) / 1000);
  const seconds = Object.keys(result.timeline).map(Number).sort((a, b) => a - b);
  const failing = seconds.filter((s) => s >= faultSecond && sumFailed(result.timeline[s], isOutage) > 0);
  const lastFailure = failing.length ? failing[failing.length - 1] : null;
  const lines = [`fault ${record.fault} at t=${((record.startedAt - result.startAt) / 1000).toFixed(1)} s, back at t=${((record.backAt - result.startAt) / 1000).toFixed(1)} s`, ...record.notes.map((n) => `  ${n}`)];
  lines.push(
    lastFailure === null
      ? '  no failures (other than being sent to sign in again) from the fault on'
      : `  failures (other than being sent to sign in again) from t=${failing[0]} s to t=${lastFailure} s; the last came ${Math.max(0, lastFailure + 1 - backSecond)} s after the part was back (recovery time)`,
  );
  const totals: Record<string, number> = {};
  for (const s of seconds) for (const [kind, n] of Object.entries(result.timeline[s].failed)) totals[kind] = (totals[kind] ?? 0) + n;
  const lost = Object.entries(totals).filter(([kind]) => isSignInAgain(kind));
  lines.push(`  failed answers in all: ${JSON.stringify(totals)}${lost.length ? `; of these ${lost.reduce((a, [, n]) => a + n, 0)} sent a person to sign in again (a lost session)` : ''}`);
  const okPerSecond = (from: number, to: number) => {
    const span = seconds.filter((s) => s >= from && s < to);
    return span.length ? span.reduce((a, s) => a + result.timeline[s].ok, 0) / (to - from) : 0;
  };
  const settled = (lastFailure ?? backSecond) + 1;
  lines.push(
    `  ok answers/s: ${okPerSecond(faultSecond - 10, faultSecond).toFixed(1)} in the 10 s before the fault, ${okPerSecond(settled, settled + 10).toFixed(1)} in the 10 s after recovery, ${okPerSecond(settled + 10, settled + 20).toFixed(1)} in the 10 s after those`,
  );
  if (result.sessionsAcrossFault) {
    const a = result.sessionsAcrossFault;
    lines.push(`  ${a.pupils} pupils signed in before the fault; their launches started after it: ${a.launchesOk} ok, failed ${JSON.stringify(a.launchesFailed)}`);
  }
  lines.push('  second   ok  failed  (kinds)');
  const last = Math.max(backSecond, lastFailure ?? backSecond) + 12;
  for (let s = faultSecond - 3; s <= last; s++) {
    const t = result.timeline[s];
    const kinds = Object.entries(t?.failed ?? {}).map(([k, n]) => `${k} ×${n}`).join(', ');
    lines.push(`  ${String(s).padStart(6)}  ${String(t?.ok ?? 0).padStart(4)}  ${String(sumFailed(t)).padStart(6)}  ${kinds}${s === faultSecond ? '  ← fault' : ''}${s === backSecond && record.fault !== 'kill-instance' ? '  ← back' : ''}`);
  }
  return lines;
}

/**
 * Nothing answered with success was lost: every pupil whose sign-in succeeded has her last
 * login stored, and at least two ledger entries (ID token and userinfo) per successful launch.
 */
export async function verifyDurable(databaseUrl: string, result: RushResult): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = Object.keys(result.signedIn).map(Number);
    const logins = await client.query<{ pupil_id: number }>('select pupil_id from pupil_credentials where last_login_at is not null and pupil_id = any($1)', [ids]);
    const recorded = new Set(logins.rows.map((r) => Number(r.pupil_id)));
    const ledger = await client.query<{ subject_id: number; n: string }>("select subject_id, count(*) as n from disclosure_ledger where subject_kind = 'pupil' group by subject_id");
    const entries = new Map(ledger.rows.map((r) => [Number(r.subject_id), Number(r.n)]));
    const launches = Object.values(result.signedIn).reduce((a, b) => a + b, 0);
    const missingLogins = ids.filter((id) => !recorded.has(id));
    const short = ids.filter((id) => (entries.get(id) ?? 0) < 2 * result.signedIn[id]);
    const total = [...entries.values()].reduce((a, b) => a + b, 0);
    return [
      `durable: ${ids.length} successful sign-ins, ${ids.length - missingLogins.length} with last_login_at stored${missingLogins.length ? ` — MISSING for ${missingLogins.slice(0, 5).join(', ')}` : ''}`,
      `durable: ${launches} successful launches need ≥ ${2 * launches} ledger entries; ${total} stored; pupils short of entries: ${short.length}${short.length ? ` (${short.slice(0, 5).join(', ')})` : ''}`,
    ];
  } finally {
    await client.end();
  }
}
