/**
 * Sessions for every kind of user, and staff accounts. Sessions gain the subject's id and
 * school (so "log out everywhere" and per-school cleanup are one indexed query) and the
 * shared-device flag; staff accounts are one identity per e-mail address with roles per
 * school or board, one-time tokens for activation and reset, and sign-in throttle counters.
 */
import type { DialectName } from '../database.js';
import { createTableWithId, idRef, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const ref = idRef(dialect);
  const withId = (name: string) => createTableWithId(db, name, dialect);

  await db.schema.alterTable('sessions').addColumn('actor_id', ref).execute();
  await db.schema.alterTable('sessions').addColumn('school_id', ref).execute();
  await db.schema.alterTable('sessions').addColumn('shared_device', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  await db.schema.createIndex('sessions_actor_idx').on('sessions').columns(['actor_kind', 'actor_id']).execute();
  await db.schema.createIndex('sessions_expiry_idx').on('sessions').column('expires_at').execute();

  await withId('staff_accounts')
    .addColumn('email', 'text', (c) => c.notNull().unique()) // always lowercased
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text')
    .addColumn('last_login_at', 'text')
    .execute();

  await withId('staff_account_roles')
    .addColumn('account_id', ref, (c) => c.notNull().references('staff_accounts.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('school_id', ref, (c) => c.references('schools.id'))
    .addColumn('board_id', ref, (c) => c.references('boards.id'))
    .addColumn('group_id', ref, (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('staff_id', ref, (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_account_roles_account_idx').on('staff_account_roles').column('account_id').execute();
  await db.schema.createIndex('staff_account_roles_school_idx').on('staff_account_roles').columns(['school_id', 'role']).execute();
  await db.schema.createIndex('staff_account_roles_board_idx').on('staff_account_roles').column('board_id').execute();

  await db.schema
    .createTable('staff_account_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', ref, (c) => c.notNull().references('staff_accounts.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('staff_account_tokens_account_idx').on('staff_account_tokens').columns(['account_id', 'purpose']).execute();

  await db.schema
    .createTable('staff_login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey()) // "account:<id>" or "ip:<address>"
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();
}
