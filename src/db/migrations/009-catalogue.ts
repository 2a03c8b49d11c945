/**
 * The catalogue: publishers (uitgeverijen), their products (methods and products, one table:
 * a product is what a tile launches), licences for a school year, and the target URLs a
 * publisher registered for shortcut links (snelkoppelaar). Licences are never deleted: a
 * revocation sets `revoked_at`, so a school can see what it had.
 */
import type { DialectName } from '../database.js';
import { createTableWithId, idRef, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const ref = idRef(dialect);
  const withId = (name: string) => createTableWithId(db, name, dialect);

  await withId('publishers')
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // The pseudonym sector: the slug at creation; never changes, so pseudonyms stay stable.
    .addColumn('sector', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId('products')
    .addColumn('publisher_id', ref, (c) => c.notNull().references('publishers.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('icon_url', 'text')
    .addColumn('launch_url', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull()) // JSON array of ProductTag
    .addColumn('protocol', 'text', (c) => c.notNull()) // oidc | saml
    .addColumn('saml_entity_id', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('products_publisher_code_key', ['publisher_id', 'code'])
    .execute();

  await withId('licences')
    .addColumn('product_id', ref, (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('school_id', ref, (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('school_year', 'text', (c) => c.notNull()) // e.g. 2026-2027
    // school | group | pupil | staff | eckid: which one of the columns below names the holder.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('group_id', ref, (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('pupil_id', ref, (c) => c.references('pupils.id').onDelete('cascade'))
    .addColumn('staff_account_id', ref, (c) => c.references('staff_accounts.id').onDelete('cascade'))
    .addColumn('eckid', 'text')
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute();
  await db.schema.createIndex('licences_school_year_idx').on('licences').columns(['school_id', 'school_year', 'product_id']).execute();
  await db.schema.createIndex('licences_product_idx').on('licences').columns(['product_id', 'school_id']).execute();

  await withId('shortcut_targets')
    .addColumn('publisher_id', ref, (c) => c.notNull().references('publishers.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull()) // normalised absolute https/http URL
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('shortcut_targets_publisher_url_key', ['publisher_id', 'url'])
    .execute();
}
