/**
 * Substitutes (invalkrachten): a time-boxed grant of a staff account to chosen groups or to the
 * school's invalgroep, and which group of a school is its invalgroep. Grants are never deleted
 * (they are the audit list); an early end sets `revoked_at`.
 */
import type { DialectName } from '../database.js';
import { createTableWithId, idRef, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const ref = idRef(dialect);
  const withId = (name: string) => createTableWithId(db, name, dialect);

  await withId('substitute_grants')
    .addColumn('account_id', ref, (c) => c.notNull().references('staff_accounts.id').onDelete('cascade'))
    .addColumn('school_id', ref, (c) => c.notNull().references('schools.id').onDelete('cascade'))
    // JSON array of group ids, or the text 'invalgroep' (resolved to the school's invalgroep at each request).
    .addColumn('group_ids', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute();
  await db.schema.createIndex('substitute_grants_account_idx').on('substitute_grants').columns(['account_id', 'ends_at']).execute();
  await db.schema.createIndex('substitute_grants_school_idx').on('substitute_grants').columns(['school_id', 'ends_at']).execute();

  await db.schema
    .createTable('school_invalgroep')
    .addColumn('school_id', ref, (c) => c.primaryKey().references('schools.id').onDelete('cascade'))
    .addColumn('group_id', ref, (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .execute();
}
