/**
 * `npm run bench:import` (issue 2): imports a board of 40 school files of 250 pupils and one
 * file of 5,000 pupils through the real roster service, on SQLite and on PostgreSQL, then
 * imports them again unchanged; prints pupils per second and the ratio to parsing the same
 * files only, measured in the same run. Each figure is the median of several rounds (each
 * round on its own schools), because one run on a shared 2-core machine is noisy.
 * A measurement, not a test: it exits 0 unless it crashes (a wrong import result is a crash:
 * the figures would mean nothing). Options: --rounds N (default 3).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { composeCapabilities } from '../src/compose.js';
import { loadConfig } from '../src/config/index.js';
import { systemClock } from '../src/lib/clock.js';
import { readEdexml } from '../src/roster/edexml/index.js';
import type { ImportSummary } from '../src/roster/types.js';
import { freshPostgres, freshSqlite, openMigrated, type BenchDatabase } from './support/databases.js';
import { pupilsIn, roundScenarios, warmUpFile, type BenchFile, type Scenario } from './support/fixtures.js';
import { formatTable, median, meetsTarget, type BenchRow } from './support/report.js';

const PASSES = ['first import', 'unchanged re-import'] as const;
type Pass = (typeof PASSES)[number];
const PARSE_ONLY = 'parse only';
const SQLITE_TARGETS: Record<Pass, number> = { 'first import': 20_000, 'unchanged re-import': 50_000 };
const BOARD_NUMBER = '4242';
/** One measurement: wall-clock seconds, and CPU seconds spent in this Node process. */
interface Timing {
  wall: number;
  cpu: number;
}
/** Per "scenario/pass", one entry per round. */
type Timings = Map<string, Timing[]>;

async function timed(work: () => Promise<void>): Promise<Timing> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await work();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

async function parseOnly(files: BenchFile[]): Promise<void> {
  for (const file of files) {
    const result = await readEdexml(file.content);
    if (!result.ok) throw new Error(`bench file ${file.brin} does not read: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
}


function checkSummary(summary: ImportSummary, file: BenchFile, pass: Pass): void {
  const { pupils } = summary.counts;
  const expected = pass === 'first import'
    ? summary.status === 'applied' && pupils.added === file.pupils
    : summary.status === 'applied' && pupils.unchanged === file.pupils && pupils.added + pupils.updated + pupils.deactivated === 0;
  if (!expected) {
    throw new Error(`${pass} of ${file.brin}: status ${summary.status}, pupils ${JSON.stringify(pupils)}, errors ${JSON.stringify(summary.errors.slice(0, 3))}`);
  }
}

async function runDialect(database: BenchDatabase, rounds: Scenario[][]): Promise<Timings> {
  const db = await openMigrated(database.url);
  try {
    const config = loadConfig({ DATABASE_URL: database.url, LEERPOORT_ENV: 'test', LOG_LEVEL: 'silent' });
    const { organisations, roster } = composeCapabilities({ config, db, clock: systemClock });
    const warmUp = warmUpFile();
    await organisations.addBoard('bench', { number: BOARD_NUMBER, name: 'Stichting Benchmark' });
    for (const file of [warmUp, ...rounds.flat().flatMap((scenario) => scenario.files)]) {
      await organisations.addSchool('bench', { boardNumber: BOARD_NUMBER, brin: file.brin, locationCode: file.locationCode, name: `Basisschool ${file.brin}` });
    }
    const importFile = (file: BenchFile) => roster.importEdexml({ content: file.content, source: 'cli', actor: 'bench', mode: 'apply' });
    // Warm the JIT, the connection pool, the prepared statements and the compiled INSERTs on a
    // school that is not measured, as in a server that has been running.
    await importFile(warmUp);
    await importFile(warmUp);
    const timings: Timings = new Map();
    const record = (key: string, timing: Timing) => timings.set(key, [...(timings.get(key) ?? []), timing]);
    for (const scenarios of rounds) {
      // Parse only, right before the imports it is compared with: a load spike on a shared
      // machine then disturbs both, not just one side of the ratio.
      for (const scenario of scenarios) record(`${scenario.name}/${PARSE_ONLY}`, await timed(() => parseOnly(scenario.files)));
      for (const pass of PASSES) {
        for (const scenario of scenarios) {
          const timing = await timed(async () => {
            for (const file of scenario.files) checkSummary(await importFile(file), file, pass);
          });
          record(`${scenario.name}/${pass}`, timing);
        }
      }
    }
    return timings;
  } finally {
    await db.close();
    await database.remove();
  }
}

function summarise(runs: Timing[]) {
  const wall = runs.map((run) => run.wall);
  return { seconds: median(wall), range: [Math.min(...wall), Math.max(...wall)] as [number, number], cpuSeconds: median(runs.map((run) => run.cpu)) };
}

function rowsFor(scenario: Scenario, results: Map<string, Timings>): BenchRow[] {
  const pupils = pupilsIn(scenario);
  const parseKey = `${scenario.name}/${PARSE_ONLY}`;
  const parse = summarise([...results.values()].flatMap((timings) => timings.get(parseKey)!));
  const rows: BenchRow[] = [{ scenario: `${scenario.name}: ${PARSE_ONLY}`, dialect: '–', pupils, ...parse, ratioToParse: 1, target: null, targetText: '–' }];
  for (const pass of PASSES) {
    const key = `${scenario.name}/${pass}`;
    const sqliteRate = pupils / summarise(results.get('sqlite')!.get(key)!).seconds;
    for (const [dialect, timings] of results) {
      const measured = summarise(timings.get(key)!);
      const dialectParse = summarise(timings.get(parseKey)!).seconds;
      const target = dialect === 'sqlite' ? SQLITE_TARGETS[pass] : sqliteRate / 3;
      rows.push({
        scenario: `${scenario.name}: ${pass}`, dialect, pupils, ...measured, ratioToParse: measured.seconds / dialectParse, target,
        targetText: dialect === 'sqlite' ? `≥ ${target.toLocaleString('en-US')}/s` : `≥ ⅓ SQLite (${Math.round(target).toLocaleString('en-US')}/s)`,
      });
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
  const roundCount = Math.max(1, Number.parseInt(values.rounds, 10) || 3);
  const adminUrl = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(`Leerpoort import benchmark — ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${roundCount} round(s), load average ${os.loadavg()[0].toFixed(1)}`);
  const rounds = Array.from({ length: roundCount }, (_, round) => roundScenarios(round));

  const results = new Map<string, Timings>();
  results.set('sqlite', await runDialect(await freshSqlite(), rounds));
  let postgres: BenchDatabase | null = null;
  try {
    postgres = await freshPostgres(adminUrl);
  } catch (error) {
    console.log(`skipped PostgreSQL: ${(error as Error).message} (BENCH_PG_URL names an admin connection)`);
  }
  if (postgres) results.set('postgres', await runDialect(postgres, rounds));

  const rows = rounds[0].flatMap((scenario) => rowsFor(scenario, results));
  console.log(formatTable(rows));
  const missed = rows.filter((row) => meetsTarget(row) === false).length;
  console.log(missed === 0 ? 'All targets met.' : `${missed} target(s) missed.`);
}

await main();
