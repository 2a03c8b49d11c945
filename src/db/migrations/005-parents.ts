/**
 * Home login for parents: one account per e-mail address with its own password, the children
 * it is linked to (each confirmed with the child's pincode; children may be at different
 * schools) and one-time tokens for activation and reset. The staff token table is tied to
 * staff accounts by its foreign key, so parents get a table of the same shape.
 */
import type { DialectName } from '../database.js';
import { createTableWithId, idRef, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const ref = idRef(dialect);
  await createTableWithId(db, 'parent_accounts', dialect)
    .addColumn('email', 'text', (c) => c.notNull().unique()) // always lowercased
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // 'requested' until a password is chosen, then 'active'
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();

  await db.schema
    .createTable('parent_children')
    .addColumn('parent_id', ref, (c) => c.notNull().references('parent_accounts.id').onDelete('cascade'))
    .addColumn('pupil_id', ref, (c) => c.notNull().references('pupils.id').onDelete('cascade'))
    .addColumn('school_id', ref, (c) => c.notNull().references('schools.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parent_children_pk', ['parent_id', 'pupil_id'])
    .execute();
  await db.schema.createIndex('parent_children_pupil_idx').on('parent_children').columns(['school_id', 'pupil_id']).execute();

  await db.schema
    .createTable('parent_account_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', ref, (c) => c.notNull().references('parent_accounts.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull()) // 'activation' | 'reset'
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('parent_account_tokens_parent_idx').on('parent_account_tokens').columns(['parent_id', 'purpose']).execute();
}
