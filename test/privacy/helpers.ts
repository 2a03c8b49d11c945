/** Fixtures for the privacy tests: unique publishers, a school with its board, an operator actor. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestDatabase } from '../helpers/databases.js';
import type { TestApp } from '../helpers/app.js';
import { createTestSchool } from '../helpers/app.js';
import type { PrivacyActor } from '../../src/privacy/index.js';

export const OPERATOR: PrivacyActor = { id: 'operator:test', name: 'Testbeheer' };
export const ICT: PrivacyActor = { id: 'staff:999999', name: 'Ida ICT' };

/** A publisher with a slug no other test run uses. */
export async function addPublisher(t: TestApp, name = 'Uitgeverij Test') {
  const slug = `uitg-${randomBytes(5).toString('hex')}`;
  return t.capabilities.catalogue.publishers.add('test', { slug, name: `${name} ${slug.slice(5, 9)}` });
}

/** A school (with its own board) and a publisher, optionally with the board's agreement and the school's consent. */
export async function schoolAndPublisher(t: TestApp, options: { agreement?: 'minimal' | 'standard' | 'with_eck'; consent?: boolean } = {}) {
  const school = await createTestSchool(t.capabilities);
  const publisher = await addPublisher(t);
  const privacy = t.capabilities.privacy;
  const agreement = options.agreement
    ? await privacy.agreements.set(OPERATOR, { boardId: school.boardId, publisherId: publisher.id, profile: options.agreement, reference: `VO-${publisher.slug}` })
    : null;
  if (options.consent) await privacy.consents.set(ICT, { schoolId: school.id }, { publisherId: publisher.id, granted: true });
  return { school, publisher, agreement };
}

/**
 * A database of this test's own, for tests that break the (global) chain on purpose or count
 * entries exactly: a fresh SQLite file, or on PostgreSQL a brand-new database beside the test
 * database (or, without CREATEDB, a fresh schema named in search_path), so a tampered row never
 * shows up in another test's `verify` running at the same time.
 */
export async function isolatedDatabase(database: TestDatabase): Promise<TestDatabase> {
  if (database.name === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-ledger-'));
    return { name: 'sqlite', url: `sqlite:${path.join(dir, 'ledger.sqlite')}` };
  }
  const name = `lp_ledger_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    try {
      await client.query(`CREATE DATABASE ${name}`);
      const url = new URL(database.url);
      url.pathname = `/${name}`;
      return { name: 'postgres', url: url.toString() };
    } catch (error) {
      if ((error as { code?: string }).code !== '42501') throw error; // insufficient_privilege
    }
    // Kysely's migrator looks for its own tables in every schema; create them in ours first so it
    // does not mistake the test database's for them.
    await client.query(`CREATE SCHEMA ${name}`);
    await client.query(`CREATE TABLE ${name}.kysely_migration (name varchar(255) PRIMARY KEY, timestamp varchar(255) NOT NULL)`);
    await client.query(`CREATE TABLE ${name}.kysely_migration_lock (id varchar(255) PRIMARY KEY, is_locked integer NOT NULL DEFAULT 0)`);
    await client.query(`INSERT INTO ${name}.kysely_migration_lock (id, is_locked) VALUES ('migration_lock', 0)`);
    const url = new URL(database.url);
    url.searchParams.set('options', `-c search_path=${name}`);
    return { name: 'postgres', url: url.toString() };
  } finally {
    await client.end();
  }
}

/** Removes what `isolatedDatabase` made beside `base`, once nothing uses it: the SQLite file's directory or the PostgreSQL database (a schema in the shared database is left for the run's cleanup). */
export async function dropIsolated(base: TestDatabase, isolated: TestDatabase): Promise<void> {
  if (isolated.name === 'sqlite') return fs.rmSync(path.dirname(isolated.url.slice('sqlite:'.length)), { recursive: true, force: true });
  const name = new URL(isolated.url).pathname.slice(1);
  if (name === new URL(base.url).pathname.slice(1)) return; // a schema in the shared database: left for the run's cleanup
  const client = new pg.Client({ connectionString: base.url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
