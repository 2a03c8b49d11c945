/**
 * Fresh, throw-away databases for one benchmark run: a temporary SQLite file, and a new
 * PostgreSQL database created on the admin connection and dropped afterwards, so a run never
 * measures (or touches) data that was already there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/index.js';

export interface BenchDatabase {
  url: string;
  /** Removes the database (file or PostgreSQL database) after the connections are closed. */
  remove(): Promise<void>;
}

export async function freshSqlite(): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerpoort-bench-'));
  return { url: `sqlite:${path.join(dir, 'bench.sqlite')}`, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A new database on the server of `adminUrl`; throws when the server cannot be reached. */
export async function freshPostgres(adminUrl: string): Promise<BenchDatabase> {
  const name = `leerpoort_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`); // name is ours: digits and underscores only
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    remove: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name}`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export async function openMigrated(url: string): Promise<Db> {
  const db = openDatabase(url);
  await migrateToLatest(db);
  return db;
}
