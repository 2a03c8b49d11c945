/**
 * Pupil login: credentials per pupil (keyed hashes only), throttle counters per device and
 * per IP, the school network ranges and the per-school IP update tokens.
 */
import type { DialectName } from '../database.js';
import { idRef, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const ref = idRef(dialect);

  await db.schema
    .createTable('pupil_credentials')
    .addColumn('pupil_id', ref, (c) => c.primaryKey().references('pupils.id'))
    .addColumn('school_id', ref, (c) => c.notNull().references('schools.id'))
    .addColumn('picture', 'text', (c) => c.notNull())
    .addColumn('picture_code_hash', 'text')
    .addColumn('pincode_hash', 'text')
    .addColumn('card_token_hash', 'text', (c) => c.unique())
    .addColumn('card_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('card_issued_at', 'text')
    .addColumn('home_login', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_login_at', 'text')
    .execute();
  await db.schema.createIndex('pupil_credentials_school_idx').on('pupil_credentials').column('school_id').execute();

  // One row per throttle key ("device:<id>", "ip:<address>") and fixed window.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('school_networks')
    .addColumn('school_id', ref, (c) => c.notNull().references('schools.id'))
    .addColumn('cidr', 'text', (c) => c.notNull())
    // 'manual' ranges come from the ICT-coördinator; 'dynamic' is the address the IP tool last set.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('school_networks_pk', ['school_id', 'cidr', 'source'])
    .execute();

  await db.schema
    .createTable('school_ip_tokens')
    .addColumn('school_id', ref, (c) => c.primaryKey().references('schools.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
}
