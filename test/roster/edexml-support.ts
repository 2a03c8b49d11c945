/**
 * Shared by the EDEXML reader tests: the official examples (when /work/shared is present),
 * the fixture, small string mutations, and a record of every problem code the tests saw so
 * each test file can check them against the catalogue.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { edexmlProblemCodes, readEdexml, type FileProblem, type ReadResult } from '../../src/roster/edexml/index.js';

export const officialDir = '/work/shared/standards/edexml-2.1';
/** `{ skip }` value for tests that need the official standard files. */
export const needsOfficial: string | false = existsSync(path.join(officialDir, 'EDEXML.Voorbeeld.2.1.xml'))
  ? false
  : `the official EDEXML 2.1 files are not at ${officialDir}`;

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'edexml');

export function official(name: string): string {
  return readFileSync(path.join(officialDir, name), 'utf8');
}

export function fixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}

/** Replaces the one occurrence of `from`; fails loudly when the text has none (a silent no-op mutation tests nothing). */
export function mutate(xml: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? xml.split(from).length - 1 : (xml.match(new RegExp(from, 'g')) ?? []).length;
  assert.equal(count, 1, `mutation target ${String(from)} must occur exactly once`);
  return xml.replace(from, to);
}

/** 1-based line of the first occurrence of `needle`. */
export function lineOf(xml: string, needle: string): number {
  const at = xml.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in the file`);
  return xml.slice(0, at).split('\n').length;
}

/** The file as ISO-8859-1 bytes: declaration changed, characters beyond latin1 as character references. */
export function asLatin1(xml: string): Buffer {
  const declared = xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
  return Buffer.from(declared.replace(/[^\u0000-\u00ff]/gu, (c) => `&#${c.codePointAt(0)};`), 'latin1');
}

const seenCodes = new Set<string>();

/** Reads and records the codes of every problem, for the catalogue check. */
export async function read(input: string | Buffer | AsyncIterable<Uint8Array>, options?: { maxBytes?: number }): Promise<ReadResult> {
  const result = await readEdexml(typeof input === 'string' ? Buffer.from(input, 'utf8') : input, options);
  for (const problem of problemsOf(result)) seenCodes.add(problem.code);
  return result;
}

export function problemsOf(result: ReadResult): FileProblem[] {
  return result.ok ? result.warnings : [...result.errors, ...result.warnings];
}

export function errorsOf(result: ReadResult): FileProblem[] {
  assert.equal(result.ok, false, 'expected the file to be refused');
  return result.ok ? [] : result.errors;
}

/** Call once per test file: after its tests, every code they saw must be in the catalogue. */
export function checkCodesAgainstCatalogue(): void {
  after(() => {
    const unknown = [...seenCodes].filter((code) => !(code in edexmlProblemCodes));
    assert.deepEqual(unknown, [], 'problem codes missing from edexmlProblemCodes');
  });
}
