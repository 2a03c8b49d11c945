/**
 * `leerpoort import edexml` as an operator runs it: exit codes 0 (applied / dry run fine),
 * 2 (refused, nothing changed) and 3 (held for confirmation), one JSON object with --json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { testDatabases, uniqueBoardNumber, uniqueSchoolCode } from '../helpers/databases.js';
import { generateSchoolRoster, writeEdexml, type GeneratedRoster } from '../../src/roster/generator/index.js';
import { hasStackTrace, runCli, tempDir, type CliOptions } from './run-cli.js';

interface Counts { added: number; updated: number; deactivated: number; unchanged: number }
interface Report {
  status: string;
  importId: number | null;
  school: { code: string; name: string } | null;
  schoolYear: string | null;
  counts: { pupils: Counts & { moved: number }; groups: Counts; staff: Counts } | null;
  guard: { tripped: boolean; wouldDeactivate: number } | null;
  warnings: Array<{ code: string; message: string; line: number | null; key: string | null }>;
  errors: Array<{ code: string; message: string; line: number | null; key: string | null }>;
}

const PUPILS = 30;

/** A board and a school of its own, and a roster for it; returns the school code. */
async function newSchool(cli: CliOptions, seed: number): Promise<{ code: string; roster: GeneratedRoster }> {
  const number = uniqueBoardNumber();
  const { brin, locationCode } = uniqueSchoolCode();
  for (const args of [
    ['boards', 'add', '--number', number, '--name', 'Stichting Import'],
    ['schools', 'add', '--board', number, '--brin', brin, '--dependance', locationCode, '--name', `School ${brin}`],
  ]) {
    const result = await runCli(args, cli);
    assert.equal(result.code, 0, result.stderr);
  }
  return { code: brin + locationCode, roster: generateSchoolRoster({ seed, brin, locationCode, pupils: PUPILS }) };
}

function writeFile(dir: string, name: string, roster: GeneratedRoster): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, writeEdexml(roster));
  return file;
}

async function importJson(cli: CliOptions, args: string[]): Promise<{ code: number | null; report: Report; raw: string }> {
  const result = await runCli(['import', 'edexml', ...args, '--json'], cli);
  assert.equal(result.stdout.trim().startsWith('{'), true, `no JSON object: ${result.stdout}${result.stderr}`);
  return { code: result.code, report: JSON.parse(result.stdout) as Report, raw: result.stdout };
}

for (const database of testDatabases()) {
  const cli: CliOptions = { databaseUrl: database.url };
  const dir = tempDir();

  test(`[${database.name}] a dry run stores nothing; the real import applies the file (exit 0) and never prints ECK iD or BSN`, async () => {
    const { code, roster } = await newSchool(cli, 101);
    const file = writeFile(dir, `${code}.xml`, roster);

    const dry = await importJson(cli, [file, '--dry-run']);
    assert.equal(dry.code, 0);
    assert.equal(dry.report.status, 'dry_run');
    assert.equal(dry.report.importId, null);
    assert.equal(dry.report.counts?.pupils.added, PUPILS);

    const applied = await importJson(cli, [file, '--school', code]);
    assert.equal(applied.code, 0);
    assert.equal(applied.report.status, 'applied');
    assert.equal(applied.report.school?.code, code);
    assert.equal(applied.report.schoolYear, '2026-2027');
    // The dry run left nothing behind: everything is still new.
    assert.deepEqual(applied.report.counts?.pupils, { added: PUPILS, updated: 0, deactivated: 0, unchanged: 0, moved: 0 });
    assert.equal(applied.report.counts?.groups.added, roster.groups.length);
    assert.equal(applied.report.counts?.staff.added, roster.staff.length);
    assert.deepEqual(applied.report.errors, []);
    assert.doesNotMatch(applied.raw, /ketenid|eckid/i);
    for (const pupil of roster.pupils) if (pupil.bsn) assert.equal(applied.raw.includes(pupil.bsn), false);

    const again = await importJson(cli, [file]);
    assert.equal(again.code, 0);
    assert.deepEqual(again.report.counts?.pupils, { added: 0, updated: 0, deactivated: 0, unchanged: PUPILS, moved: 0 });
  });

  test(`[${database.name}] the readable summary is Dutch and shows the counts`, async () => {
    const { code, roster } = await newSchool(cli, 102);
    const result = await runCli(['import', 'edexml', writeFile(dir, `${code}.xml`, roster)], cli);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`School: School ${code.slice(0, 4)} \\(${code}\\), schooljaar 2026-2027`));
    assert.match(result.stdout, /Resultaat: toegepast \(import \d+\)\./);
    assert.match(result.stdout, new RegExp(`leerlingen\\s+${PUPILS}\\s+0\\s+0\\s+0`));
  });

  test(`[${database.name}] a file with errors is refused (exit 2) with line numbers, and changes nothing`, async () => {
    const { code, roster } = await newSchool(cli, 103);
    const broken = structuredClone(roster);
    broken.pupils[3].groupKey = 'BESTAAT-NIET';
    const refused = await importJson(cli, [writeFile(dir, `${code}-broken.xml`, broken)]);
    assert.equal(refused.code, 2);
    assert.equal(refused.report.status, 'refused');
    assert.ok(refused.report.errors.length > 0);
    assert.ok(refused.report.errors.every((problem) => typeof problem.line === 'number' && problem.line > 0), JSON.stringify(refused.report.errors));

    const text = await runCli(['import', 'edexml', writeFile(dir, `${code}-broken.xml`, broken)], cli);
    assert.equal(text.code, 2);
    assert.match(text.stdout, /Het bestand is geweigerd: het bevat \d+ fout\(en\)\. Er is niets gewijzigd\./);
    assert.match(text.stdout, /regel \d+: /);

    const good = await importJson(cli, [writeFile(dir, `${code}.xml`, roster), '--dry-run']);
    assert.equal(good.report.counts?.pupils.added, PUPILS);
  });

  test(`[${database.name}] a file that would deactivate most pupils is held (exit 3) until --confirm (exit 0)`, async () => {
    const { code, roster } = await newSchool(cli, 104);
    assert.equal((await importJson(cli, [writeFile(dir, `${code}.xml`, roster)])).code, 0);
    const truncated = { ...roster, pupils: roster.pupils.slice(0, 10) };
    const file = writeFile(dir, `${code}-truncated.xml`, truncated);

    const dry = await importJson(cli, [file, '--dry-run']);
    assert.equal(dry.code, 3, 'a dry run predicts the hold');

    const held = await runCli(['import', 'edexml', file], cli);
    assert.equal(held.code, 3);
    assert.match(held.stdout, /NIET toegepast: de import wacht op bevestiging/);
    assert.match(held.stdout, /zou 20 van de 30 actieve leerlingen deactiveren/);
    assert.match(held.stdout, /Bevestig met: leerpoort import edexml \S+ --confirm/);
    assert.match(held.stdout, /of bevestig import \d+ in de webomgeving/);

    const confirmed = await importJson(cli, [file, '--confirm']);
    assert.equal(confirmed.code, 0);
    assert.equal(confirmed.report.status, 'applied');
    assert.equal(confirmed.report.counts?.pupils.deactivated, 20);
  });

  test(`[${database.name}] a file for an unknown school is refused with a message naming the school`, async () => {
    const { brin, locationCode } = uniqueSchoolCode();
    const unknownCode = brin + locationCode;
    const roster = generateSchoolRoster({ seed: 105, brin, locationCode, pupils: 5 });
    const file = writeFile(dir, `${unknownCode}.xml`, roster);

    const byFile = await importJson(cli, [file]);
    assert.equal(byFile.code, 2);
    assert.ok(byFile.report.errors.some((problem) => problem.message.includes(unknownCode)), JSON.stringify(byFile.report.errors));

    const bySchoolOption = await runCli(['import', 'edexml', file, '--school', unknownCode], cli);
    assert.equal(bySchoolOption.code, 2);
    assert.match(bySchoolOption.stderr, new RegExp(`Er is geen school met BRIN ${brin} en dependancecode ${locationCode}`));
    assert.equal(hasStackTrace(bySchoolOption.stderr), false);
  });

  test(`[${database.name}] a file for another school than --school is refused`, async () => {
    const first = await newSchool(cli, 106);
    const second = await newSchool(cli, 107);
    const result = await importJson(cli, [writeFile(dir, `${second.code}.xml`, second.roster), '--school', first.code]);
    assert.equal(result.code, 2);
    assert.ok(result.report.errors.some((problem) => problem.message.includes(second.code)), JSON.stringify(result.report.errors));
  });
}

test('a file above IMPORT_MAX_BYTES is refused before it is read (exit 2); a missing file is exit 1', async () => {
  const cli: CliOptions = { databaseUrl: testDatabases()[0].url, env: { IMPORT_MAX_BYTES: '2048' } };
  const dir = tempDir();
  const big = path.join(dir, 'groot.xml');
  fs.writeFileSync(big, Buffer.alloc(4096, 0x20));
  const tooLarge = await runCli(['import', 'edexml', big], cli);
  assert.equal(tooLarge.code, 2);
  assert.match(tooLarge.stderr, /Het bestand is te groot\. Het maximum is 2 kB\./);

  const json = await importJson(cli, [big]);
  assert.equal(json.code, 2);
  assert.equal(json.report.errors[0].code, 'request.too_large');

  const missing = await runCli(['import', 'edexml', path.join(dir, 'bestaat-niet.xml')], cli);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /Het bestand .*bestaat-niet\.xml kan niet worden gelezen: het bestaat niet\./);
});
