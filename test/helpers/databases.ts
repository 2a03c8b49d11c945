/**
 * The databases every integration test runs against: a fresh SQLite file always, and the
 * PostgreSQL database named by LEERPOORT_TEST_PG when it is set (CI sets it, with a fresh
 * database per run). Tests isolate by unique data (see `uniqueSchoolCode`), not by mocks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, migrateToLatest, type Db } from '../../src/db/index.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  url: string;
}

export function testDatabases(): TestDatabase[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-test-'));
  const list: TestDatabase[] = [{ name: 'sqlite', url: `sqlite:${path.join(dir, 'test.sqlite')}` }];
  const pg = process.env.LEERPOORT_TEST_PG;
  if (pg) list.push({ name: 'postgres', url: pg });
  return list;
}

/** Why PostgreSQL tests did not run, for a skip message; null when they do run. */
export const postgresSkipReason: string | null = process.env.LEERPOORT_TEST_PG
  ? null
  : 'LEERPOORT_TEST_PG is not set: PostgreSQL variants are skipped (CI sets it)';

export async function openTestDatabase(test: TestDatabase): Promise<Db> {
  const db = openDatabase(test.url);
  await migrateToLatest(db);
  return db;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A random BRIN + dependancecode, so tests sharing one PostgreSQL database never collide.
 * 67,600 BRINs × 100 dependancecodes; collisions are retried by `createTestSchool`.
 */
export function uniqueSchoolCode(): { brin: string; locationCode: string } {
  const b = randomBytes(5);
  const brin = `${b[0] % 10}${b[1] % 10}${LETTERS[b[2] % 26]}${LETTERS[b[3] % 26]}`;
  return { brin, locationCode: String(b[4] % 100).padStart(2, '0') };
}

/** A random board number (bestuursnummer) unlikely to be used by another test. */
export function uniqueBoardNumber(): string {
  return String(randomBytes(4).readUInt32BE(0) % 1_000_000_000).padStart(9, '1');
}
