/**
 * Opens the database named by a URL: `sqlite:<path>` (or a bare path, or `sqlite::memory:`)
 * for the embedded mode, `postgres://…` for production. Both are Kysely instances over the
 * same schema; code that must differ per dialect asks `dialect`.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.js';
import { sendRegisteredAsNamed } from './prepared-statements.js';
import { registerEmbeddedSqlite } from './embedded-sqlite.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  /** Human-readable location without credentials, for logs. */
  readonly description: string;
  close(): Promise<void>;
}

// PostgreSQL bigint (int8) and numeric counts arrive as strings by default; our ids stay
// below 2^53, so numbers are exact and keep one id type across both databases.
pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function sqlitePath(url: string): string {
  return url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
}

/** Enough for every statement the application runs; the least recently used goes first. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely asks better-sqlite3 to prepare every query anew; preparing costs more than running
 * most of them (an unchanged re-import runs a dozen small statements per file). This keeps
 * prepared statements by SQL text. A statement still mid-iteration (a streamed query) is
 * never handed out twice: a second one is prepared for that call.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (cached === undefined) {
        cache.set(sql, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

export function openDatabase(url: string): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // A connection that PostgreSQL cuts (a restart, a failover) emits 'error' besides failing
    // its query; without a listener Node would end the process on it. An idle one is reported
    // on the pool; one in use on the client itself (pg-pool listens only while it is idle).
    // Its running query fails with the error (a 503, see lib/outage.ts), pg-pool drops the
    // broken connection on release, and the next query opens a new one.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
      sendRegisteredAsNamed(client);
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const safe = new URL(url);
    safe.password = '';
    return {
      kysely,
      dialect: 'postgres',
      description: `PostgreSQL ${safe.host}${safe.pathname}`,
      close: () => kysely.destroy(),
    };
  }
  const file = sqlitePath(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers continue during an import; NORMAL sync is safe with WAL and much faster.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  // Checkpoint (copy the WAL into the database file, with two fsyncs) every 16 MB of WAL instead
  // of every 4 MB: fewer fsyncs, and pages written again meanwhile are copied once. Committed
  // transactions are as durable as before; only the WAL file grows larger.
  sqlite.pragma('wal_autocheckpoint = 4000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  registerEmbeddedSqlite(kysely, sqlite);
  return {
    kysely,
    dialect: 'sqlite',
    description: `SQLite ${file}`,
    close: () => kysely.destroy(),
  };
}
