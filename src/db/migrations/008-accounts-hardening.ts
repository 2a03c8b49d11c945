/**
 * Accounts hardening: the last accepted TOTP time step per staff account (a code is used at
 * most once), a sealed copy of each pupil's login card token (reprinting without voiding), and
 * sliding-window attempt counters in sub-window buckets (no 2× burst across a window edge).
 * The fixed-window counters they replace (login_throttle, staff_login_throttle) are dropped.
 * TOTP secrets need no column change: sealed values replace the plaintext ones in place, the
 * first time the application reads them (it holds SECRET_KEY; a migration does not).
 */
import type { DialectName } from '../database.js';
import type { AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  // RFC 6238 step (unix time / 30) of the last code that was accepted; null before the first.
  await db.schema.alterTable('staff_accounts').addColumn('totp_last_step', big).execute();
  // The card token sealed with the secret box (purpose 'pupils.card'); null for cards issued
  // before this column existed and for void cards. The keyed hash stays the login lookup.
  await db.schema.alterTable('pupil_credentials').addColumn('card_token_sealed', 'text').execute();

  // One row per counter key and bucket (a tenth of the key's window); see accounts/pupils/counters.ts.
  await db.schema
    .createTable('attempt_buckets')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('bucket', big, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('attempt_buckets_pk', ['key', 'bucket'])
    .execute();
  await db.schema.createIndex('attempt_buckets_bucket_idx').on('attempt_buckets').column('bucket').execute();
  // Only short-lived attempt counts lived there; nothing is lost by starting the new counters empty.
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('staff_login_throttle').execute();
}
