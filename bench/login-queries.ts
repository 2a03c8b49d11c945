/**
 * `node --import tsx bench/login-queries.ts`: how much work one login costs the app, counted
 * instead of timed (a shared, busy machine cannot disturb a count): the database statements
 * and Redis commands of one pupil picture-code login, one QR-card login and one staff
 * password login, each the same form POST the login benchmark sends, on SQLite and on
 * PostgreSQL + Redis (when reachable). Each login is posted twice from the same browser; the
 * second one (carrying the first one's session cookie, as in `bench:login`) is the one counted.
 * `--cpu N` also times N more of each (sequential, in-process via inject) and prints this
 * process's CPU time per login, and that of the bench database's PostgreSQL backends when the
 * server runs on this machine: the cost of a login, which other processes on a shared machine
 * disturb far less than a throughput figure (Redis's CPU is not included).
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { buildApp } from '../src/app.js';
import { composeCapabilities } from '../src/compose.js';
import { loadConfig } from '../src/config/index.js';
import { systemClock } from '../src/lib/clock.js';
import { generateSchoolRoster, writeEdexml } from '../src/roster/generator/index.js';
import { verify } from '@node-rs/argon2';
import { hashPassword } from '../src/accounts/staff/password.js';
import { TestBrowser } from '../test/helpers/app.js';
import { freshPostgres, freshSqlite, openMigrated, type BenchDatabase } from './support/databases.js';
import { cpuProbe, type CpuUsed } from './support/login-cpu.js';
import { StatementCounter } from './support/statement-counter.js';

const PASSWORD = 'paarse olifant danst op het dak';
const LIMITS = { PUPIL_IP_MAX_PER_MINUTE: '1000000', PUPIL_DEVICE_MAX_FAILURES: '10000', STAFF_LOGIN_IP_MAX_FAILURES: '1000000' };

async function measure(name: string, database: BenchDatabase, env: Record<string, string>, redisUrl: string | null) {
  const counter = new StatementCounter();
  const raw = await openMigrated(database.url);
  const db = { ...raw, kysely: raw.kysely.withPlugin(counter) };
  const config = loadConfig({ DATABASE_URL: database.url, LEERPOORT_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1', ...LIMITS, ...env });
  const capabilities = composeCapabilities({ config, db, clock: systemClock });
  const app = await buildApp({ config, db, clock: systemClock, capabilities });
  const monitorClient = redisUrl ? new Redis(redisUrl) : null;
  const probe = await cpuProbe({ postgresUrl: database.url.startsWith('postgres') ? database.url : null, redisUrl: null });
  const monitor = monitorClient ? await monitorClient.monitor() : null;
  const commands: string[] = [];
  // Commands a script runs inside Redis are shown in brackets: they cost Redis, not a round trip.
  monitor?.on('monitor', (_time: string, args: string[], source: string) => commands.push(source === 'lua' ? `[${String(args[0]).toLowerCase()}]` : String(args[0]).toLowerCase()));
  try {
    await capabilities.organisations.addBoard('bench', { number: '4243', name: 'Stichting Telwerk' });
    const school = await capabilities.organisations.addSchool('bench', { boardNumber: '4243', brin: '43BN', locationCode: '00', name: 'Basisschool Telwerk' });
    const roster = generateSchoolRoster({ seed: 3, brin: school.brin, locationCode: school.locationCode, pupils: 30, subgroups: false });
    await capabilities.roster.importEdexml({ mode: 'apply', source: 'cli', schoolId: school.id, actor: 'bench', content: writeEdexml(roster), fileName: null });
    const scope = { schoolId: school.id };
    const group = (await capabilities.pupilAccess.groups(scope))[0];
    const [pupil, cardPupil] = await capabilities.pupilAccess.pupilsOfGroup(scope, group.id);
    const code = await capabilities.pupilAccess.admin.resetPictureCode('bench', scope, pupil.pupilId);
    const [card] = await capabilities.pupilAccess.admin.issueCards('bench', scope, [cardPupil.pupilId]);
    const email = `teller.${school.id}@bench.example.nl`;
    await capabilities.staffAccounts.members.addToSchool('bench', scope, { email, displayName: 'Teller', role: 'teacher' });
    const mail = await raw.kysely.selectFrom('mail_messages').select('text').where('recipient', '=', email).executeTakeFirstOrThrow();
    await capabilities.staffAccounts.signIn.setPasswordWithLink('activation', /\/account\/activeren\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1], PASSWORD);

    const rows: Array<[string, string[], string[], CpuUsed | null]> = [];
    const timed: Array<() => Promise<CpuUsed>> = [];
    async function count(label: string, form: string, post: string, fields: Record<string, string>) {
      const browser = new TestBrowser(app);
      await browser.get(form);
      if ((await browser.post(post, fields)).statusCode !== 303) throw new Error(`${label}: first login failed`);
      await browser.get(form);
      await new Promise((r) => setTimeout(r, 50));
      counter.statements = [];
      commands.length = 0;
      const response = await browser.post(post, fields);
      await new Promise((r) => setTimeout(r, 50)); // MONITOR output arrives asynchronously
      if (response.statusCode !== 303) throw new Error(`${label}: login answered ${response.statusCode}`);
      rows.push([label, [...counter.statements], commands.filter((c) => c !== 'monitor'), null]);
      timed.push(async () => {
        const before = await probe.read();
        for (let i = 0; i < cpuRounds; i++) if ((await browser.post(post, fields)).statusCode !== 303) throw new Error(`${label}: login failed`);
        return probe.since(before);
      });
    }
    const codePath = `/school/${school.instellingRef}/leerling/${pupil.pupilId}`;
    await count('pupil picture code', codePath, codePath, { picks: code.slice(0, -1).join('-'), pick: code[code.length - 1] });
    await count('pupil QR card', `/kaart/${card.token}`, `/kaart/${card.token}`, {});
    await count('staff password', '/inloggen', '/inloggen', { email, password: PASSWORD });
    // MONITOR would cost this process CPU for every command: off before timing.
    monitor?.disconnect();
    if (cpuRounds > 0) for (const [i, run] of timed.entries()) rows[i][3] = await run();
    // What a staff login adds to its argon2id verify: the same number of bare verifies, one at a time as the logins ran.
    let verifyUs: number | null = null;
    if (cpuRounds > 0) {
      const hash = await hashPassword(PASSWORD);
      const before = process.cpuUsage();
      for (let i = 0; i < cpuRounds; i++) await verify(hash, PASSWORD);
      const used = process.cpuUsage(before);
      verifyUs = (used.user + used.system) / cpuRounds;
    }
    for (const [label, statements, redis, cpu] of rows) {
      const perLogin = (ms: number | null) => (ms === null ? '' : `${Math.round((ms * 1000) / cpuRounds)} µs`);
      const cpuText = cpu === null ? '' : `, CPU per login: app ${perLogin(cpu.appMs)}${cpu.postgresMs === null ? '' : `, PostgreSQL ${perLogin(cpu.postgresMs)}`}`;
      console.log(`${name.padEnd(15)} ${label.padEnd(20)} ${String(statements.length).padStart(2)} statements, ${String(redis.filter((c) => !c.startsWith('[')).length).padStart(2)} Redis commands${cpuText}`);
      console.log(`${' '.repeat(16)}  db: ${statements.join(', ')}`);
      if (redis.length) console.log(`${' '.repeat(16)}  redis: ${redis.join(', ')}`);
    }
    if (verifyUs !== null) console.log(`${name.padEnd(15)} bare argon2id verify: ${Math.round(verifyUs)} µs CPU each (the staff login's app CPU less this is what the login adds)`);
  } finally {
    await probe.close();
    monitor?.disconnect();
    monitorClient?.disconnect();
    await app.close();
    await raw.close();
    await database.remove();
  }
}

const { values } = parseArgs({ options: { cpu: { type: 'string', default: '0' } } });
const cpuRounds = Math.max(0, Number.parseInt(values.cpu, 10) || 0);
await measure('sqlite', await freshSqlite(), {}, null);
const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
try {
  const postgres = await freshPostgres(process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  await measure('postgres+redis', postgres, { REDIS_URL: redisUrl }, redisUrl);
} catch (error) {
  console.log(`skipped PostgreSQL + Redis: ${(error as Error).message}`);
}
