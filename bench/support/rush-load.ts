/**
 * The load of bench:rush (run as a child process: input as JSON on stdin, result on stdout).
 * Pupils arrive evenly over the window; each opens her picture-code page, signs in, and launches
 * two methods through OIDC. Teachers load their group overview every 30 s meanwhile. Open loop:
 * a slow answer does not slow the arrivals, so queueing shows in the latencies.
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { launch, send, type LaunchTarget } from './oidc-launch.js';

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
}
export type RushStep = 'inlogpagina' | 'plaatjescode' | 'lancering' | 'groepsoverzicht';
export interface RushResult {
  seconds: number;
  steps: Record<RushStep, { latencies: number[]; errors: number; firstError: string | null }>;
}

const CSRF = /name="_csrf" value="([^"]+)"/;
const TEACHER_INTERVAL_MS = 30_000;

export async function runRush(input: RushInput): Promise<RushResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const steps: RushResult['steps'] = {
    inlogpagina: { latencies: [], errors: 0, firstError: null },
    plaatjescode: { latencies: [], errors: 0, firstError: null },
    lancering: { latencies: [], errors: 0, firstError: null },
    groepsoverzicht: { latencies: [], errors: 0, firstError: null },
  };
  /** Times one step; a failure is counted and ends that person's sequence. */
  async function timed<T>(step: RushStep, work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      const value = await work();
      steps[step].latencies.push(performance.now() - t0);
      return value;
    } catch (error) {
      steps[step].errors++;
      steps[step].firstError ??= (error as Error).message.slice(0, 300);
      throw error;
    }
  }
  const url = (path: string) => new URL(path, input.origin);

  async function pupilMorning(pupil: RushPupil): Promise<void> {
    const cookies = new Map<string, string>();
    const token = await timed('inlogpagina', async () => {
      const page = await send(agent, url(pupil.path), {}, cookies);
      const csrf = CSRF.exec(page.body)?.[1];
      if (page.status !== 200 || !csrf) throw new Error(`code page answered ${page.status}`);
      return csrf;
    });
    await timed('plaatjescode', async () => {
      const body = new URLSearchParams({ picks: pupil.picks, pick: pupil.pick, _csrf: token }).toString();
      const answer = await send(agent, url(pupil.path), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, cookies);
      if (answer.status !== 303 || answer.location !== '/leerling') throw new Error(`login answered ${answer.status} → ${answer.location}: ${answer.body.slice(0, 200)}`);
    });
    for (const publisher of input.publishers) await timed('lancering', () => launch(agent, { ...publisher, origin: input.origin }, cookies));
  }

  async function teacherLooks(teacher: RushTeacher): Promise<void> {
    const page = await send(agent, url(teacher.path), { headers: { cookie: teacher.cookie } });
    if (page.status !== 200) throw new Error(`group overview answered ${page.status}`);
  }

  const start = performance.now();
  const windowMs = input.seconds * 1000;
  const work: Promise<void>[] = [];
  const at = (due: number, job: () => Promise<void>) =>
    work.push(new Promise<void>((resolve) => setTimeout(() => job().catch(() => {}).finally(resolve), Math.max(0, due - (performance.now() - start)))));
  input.pupils.forEach((pupil, i) => at((i * windowMs) / input.pupils.length, () => pupilMorning(pupil)));
  input.teachers.forEach((teacher, i) => {
    for (let due = (i * TEACHER_INTERVAL_MS) / input.teachers.length; due < windowMs; due += TEACHER_INTERVAL_MS) at(due, () => timed('groepsoverzicht', () => teacherLooks(teacher)));
  });
  await Promise.all(work);
  agent.destroy();
  for (const step of Object.values(steps)) step.latencies.sort((a, b) => a - b);
  return { seconds: (performance.now() - start) / 1000, steps };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  process.stdout.write(JSON.stringify(await runRush(JSON.parse(Buffer.concat(chunks).toString('utf8')) as RushInput)));
}
