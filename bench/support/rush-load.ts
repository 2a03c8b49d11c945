/**
 * The load of bench:rush (run as a child process: input as JSON on stdin, result on stdout).
 * Pupils arrive evenly over the window; each opens her picture-code page, signs in, and launches
 * two methods through OIDC. Teachers load their group overview every 30 s meanwhile. Open loop:
 * a slow answer does not slow the arrivals, so queueing shows in the latencies.
 * For the fault runs it also keeps a per-second timeline of answers (ok, failed by kind), which
 * pupils signed in and how many of their launches succeeded (to check against the database
 * afterwards), and how launches fared for pupils who signed in before the fault.
 */
import http from 'node:http';
import { launch, send, type LaunchTarget } from './oidc-launch.js';
import { serveAsLoadProcess } from './load-process.js';

export interface RushPupil {
  path: string;
  picks: string;
  pick: string;
}
export interface RushTeacher {
  cookie: string;
  path: string;
}
export interface RushInput {
  origin: string;
  pupils: RushPupil[];
  teachers: RushTeacher[];
  publishers: LaunchTarget[];
  seconds: number;
  /** Wall-clock ms (Date.now) at which the window opens, so the parent's fault shares its timeline; default now. */
  startAt?: number;
  /** Ms after the start at which the parent injects a fault, if any. */
  faultAtMs?: number;
}
export type RushStep = 'inlogpagina' | 'plaatjescode' | 'lancering' | 'groepsoverzicht';
export interface StepResult {
  latencies: number[];
  errors: number;
  firstError: string | null;
  /** Failures by kind: HTTP status and where (or page error code), or the socket error code. */
  errorKinds: Record<string, number>;
}
export interface TimelineSecond {
  ok: number;
  failed: Record<string, number>;
}
export interface RushResult {
  seconds: number;
  startAt: number;
  steps: Record<RushStep, StepResult>;
  /** Second since the start → answers that ended in it (all steps). */
  timeline: Record<number, TimelineSecond>;
  /** Pupil id → launches that succeeded, for every pupil whose sign-in succeeded. */
  signedIn: Record<number, number>;
  /** Pupils who signed in before the fault: their launches started after it. */
  sessionsAcrossFault: { pupils: number; launchesOk: number; launchesFailed: Record<string, number> } | null;
}

const CSRF = /name="_csrf" value="([^"]+)"/;
const PAGE_CODE = /data-code="([^"]+)"/;
const TEACHER_INTERVAL_MS = 30_000;
/**
 * A step with no answer after this long counts as failed ("no answer"), so a request that is
 * never answered (a connection lost inside the server) cannot hold the run open; its socket is
 * closed when the run ends. Longer than any answer the saturated full rush has given.
 */
const STEP_DEADLINE_MS = 120_000;

class NoAnswer extends Error {}

function withDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`no answer in ${STEP_DEADLINE_MS / 1000} s`)), STEP_DEADLINE_MS);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * What went wrong, short enough to count: "503 service.unavailable" (the page's error code),
 * "303 → /inloggen" (sent to sign in again), "500 token endpoint", or a socket error ("ECONNRESET").
 */
export function errorKind(error: unknown): string {
  const e = error as Error & { code?: string };
  if (typeof e.code === 'string') return e.code;
  const answered = /^(.+?) answered (\d{3})/.exec(e.message);
  if (!answered) return e.message.slice(0, 60);
  const code = PAGE_CODE.exec(e.message)?.[1];
  const location = / → ([^?\s:]+)/.exec(e.message)?.[1];
  return `${answered[2]} ${code ?? (location ? `→ ${location}` : answered[1])}`;
}

/** A step's unexpected answer, in the form errorKind reads. */
function unexpected(path: string, answer: { status: number; location: string | null; body: string }): Error {
  const code = PAGE_CODE.exec(answer.body)?.[1];
  return new Error(`${path} answered ${answer.status}${code ? ` data-code="${code}"` : ''}${answer.location ? ` → ${answer.location}` : ''}: ${answer.body.slice(0, 200)}`);
}

export async function runRush(input: RushInput): Promise<RushResult> {
  // Thousands of pupils' browsers each bring their own connections, which the cluster spreads
  // over the workers. One agent stands in for all of them, so its reuse order decides where the
  // requests go: 'lifo' (Node's default) sends most of them down the few sockets used last, and
  // so mostly to one worker (measured: one worker 12 % idle, the other 48 %); 'fifo' rotates over
  // every open socket, as many independent browsers would.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, scheduling: 'fifo' });
  const newStep = (): StepResult => ({ latencies: [], errors: 0, firstError: null, errorKinds: {} });
  const steps: RushResult['steps'] = { inlogpagina: newStep(), plaatjescode: newStep(), lancering: newStep(), groepsoverzicht: newStep() };
  const timeline: RushResult['timeline'] = {};
  const signedIn: RushResult['signedIn'] = {};
  const faultAt = input.faultAtMs === undefined ? null : input.faultAtMs;
  const across = faultAt === null ? null : { pupils: 0, launchesOk: 0, launchesFailed: {} as Record<string, number> };
  const startAt = input.startAt ?? Date.now();
  const elapsed = () => Date.now() - startAt;
  const second = (at = elapsed()) => (timeline[Math.floor(at / 1000)] ??= { ok: 0, failed: {} });

  /** Times one step; a failure is counted (by kind, and in the timeline) and ends that person's sequence. */
  async function timed<T>(step: RushStep, work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const startedAt = elapsed();
    try {
      const value = await withDeadline(work());
      steps[step].latencies.push(performance.now() - t0);
      second().ok++;
      return value;
    } catch (error) {
      const kind = errorKind(error);
      const s = steps[step];
      s.errors++;
      s.errorKinds[kind] = (s.errorKinds[kind] ?? 0) + 1;
      s.firstError ??= (error as Error).message.slice(0, 300);
      // A step that never got an answer belongs to the second it was asked in, not 120 s later.
      const now = second(error instanceof NoAnswer ? startedAt : undefined);
      now.failed[kind] = (now.failed[kind] ?? 0) + 1;
      throw error;
    }
  }
  const url = (path: string) => new URL(path, input.origin);

  async function pupilMorning(pupil: RushPupil): Promise<void> {
    const pupilId = Number(pupil.path.split('/').pop());
    const cookies = new Map<string, string>();
    const token = await timed('inlogpagina', async () => {
      const page = await send(agent, url(pupil.path), {}, cookies);
      const csrf = CSRF.exec(page.body)?.[1];
      if (page.status !== 200 || !csrf) throw unexpected(pupil.path, page);
      return csrf;
    });
    await timed('plaatjescode', async () => {
      const body = new URLSearchParams({ picks: pupil.picks, pick: pupil.pick, _csrf: token }).toString();
      const answer = await send(agent, url(pupil.path), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, cookies);
      if (answer.status !== 303 || answer.location !== '/leerling') throw unexpected(pupil.path, answer);
    });
    signedIn[pupilId] = 0;
    const beforeFault = faultAt !== null && elapsed() < faultAt;
    if (beforeFault) across!.pupils++;
    for (const publisher of input.publishers) {
      const afterFault = beforeFault && elapsed() >= faultAt!;
      try {
        await timed('lancering', () => launch((target, options, jar) => send(agent, target, options, jar), { ...publisher, origin: input.origin }, cookies));
        signedIn[pupilId]++;
        if (afterFault) across!.launchesOk++;
      } catch (error) {
        if (afterFault) across!.launchesFailed[errorKind(error)] = (across!.launchesFailed[errorKind(error)] ?? 0) + 1;
        throw error;
      }
    }
  }

  async function teacherLooks(teacher: RushTeacher): Promise<void> {
    const page = await send(agent, url(teacher.path), { headers: { cookie: teacher.cookie } });
    if (page.status !== 200) throw unexpected(teacher.path, page);
  }

  const windowMs = input.seconds * 1000;
  const work: Promise<void>[] = [];
  const at = (due: number, job: () => Promise<void>) =>
    work.push(new Promise<void>((resolve) => setTimeout(() => job().catch(() => {}).finally(resolve), Math.max(0, due - elapsed()))));
  input.pupils.forEach((pupil, i) => at((i * windowMs) / input.pupils.length, () => pupilMorning(pupil)));
  input.teachers.forEach((teacher, i) => {
    for (let due = (i * TEACHER_INTERVAL_MS) / input.teachers.length; due < windowMs; due += TEACHER_INTERVAL_MS) at(due, () => timed('groepsoverzicht', () => teacherLooks(teacher)));
  });
  await Promise.all(work);
  agent.destroy();
  for (const step of Object.values(steps)) step.latencies.sort((a, b) => a - b);
  return { seconds: elapsed() / 1000, startAt, steps, timeline, signedIn, sessionsAcrossFault: across };
}

await serveAsLoadProcess(import.meta.url, runRush);
