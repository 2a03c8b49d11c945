/**
 * Foundation schema: organisations, roster (locations, groups, pupils, staff and their
 * memberships), the import log and its undo journal, LAS push tokens, operator sessions
 * and the audit log. Written once for both dialects; only the id column differs.
 */
import type { DialectName } from '../database.js';
import { createTableWithId, idRef as refType, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const idRef = refType(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';

  await createTableWithId(db, 'boards', dialect)
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await createTableWithId(db, 'schools', dialect)
    .addColumn('board_id', idRef, (c) => c.notNull().references('boards.id'))
    .addColumn('brin', 'text', (c) => c.notNull())
    .addColumn('location_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('schoolkey', 'text')
    .addColumn('instelling_ref', 'text', (c) => c.notNull().unique())
    .addColumn('street', 'text')
    .addColumn('house_number', 'text')
    .addColumn('house_number_suffix', 'text')
    .addColumn('postcode', 'text')
    .addColumn('city', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('merged_into', idRef, (c) => c.references('schools.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schools_brin_location_unique', ['brin', 'location_code'])
    .execute();
  await db.schema.createIndex('schools_board_idx').on('schools').column('board_id').execute();

  await createTableWithId(db, 'import_runs', dialect)
    .addColumn('school_id', idRef, (c) => c.references('schools.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'integer', (c) => c.notNull())
    .addColumn('school_year', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .addColumn('reverted_at', 'text')
    .addColumn('reverted_by', 'text')
    .execute();
  await db.schema.createIndex('import_runs_school_idx').on('import_runs').columns(['school_id', 'id']).execute();
  // Undo needs the school's import applied last; this keeps finding it cheap however long the log grows.
  await db.schema.createIndex('import_runs_school_applied_idx').on('import_runs').columns(['school_id', 'applied_at']).execute();

  await createTableWithId(db, 'locations', dialect)
    .addColumn('school_id', idRef, (c) => c.notNull().references('schools.id'))
    .addColumn('las_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_import_id', idRef, (c) => c.references('import_runs.id'))
    .addUniqueConstraint('locations_school_key_unique', ['school_id', 'las_key'])
    .execute();

  await createTableWithId(db, 'groups', dialect)
    .addColumn('school_id', idRef, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('las_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year_group', 'text')
    .addColumn('description', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_import_id', idRef, (c) => c.references('import_runs.id'))
    .addUniqueConstraint('groups_school_year_key_unique', ['school_id', 'school_year', 'las_key'])
    .execute();

  const personColumns = (name: string) =>
    createTableWithId(db, name, dialect)
      .addColumn('school_id', idRef, (c) => c.notNull().references('schools.id'))
      .addColumn('las_key', 'text', (c) => c.notNull())
      .addColumn('eckid', 'text')
      .addColumn('last_name', 'text')
      .addColumn('prefix', 'text')
      .addColumn('first_names', 'text')
      .addColumn('initials', 'text')
      .addColumn('nickname', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('deactivated_at', 'text')
      .addColumn('created_import_id', idRef, (c) => c.references('import_runs.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull());

  await personColumns('pupils')
    .addColumn('birth_date', 'text')
    .addColumn('gender', 'text')
    .addColumn('year_group', 'text')
    .addColumn('group_id', idRef, (c) => c.references('groups.id'))
    .addColumn('location_id', idRef, (c) => c.references('locations.id'))
    .addUniqueConstraint('pupils_school_key_unique', ['school_id', 'las_key'])
    .execute();
  await db.schema.createIndex('pupils_eckid_idx').on('pupils').column('eckid').execute();
  await db.schema.createIndex('pupils_group_idx').on('pupils').column('group_id').execute();

  await personColumns('staff')
    .addColumn('email', 'text')
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addUniqueConstraint('staff_school_key_unique', ['school_id', 'las_key'])
    .execute();
  await db.schema.createIndex('staff_eckid_idx').on('staff').column('eckid').execute();
  await db.schema.createIndex('staff_email_idx').on('staff').column('email').execute();

  await db.schema
    .createTable('pupil_subgroups')
    .addColumn('school_id', idRef, (c) => c.notNull().references('schools.id'))
    .addColumn('pupil_id', idRef, (c) => c.notNull().references('pupils.id').onDelete('cascade'))
    .addColumn('group_id', idRef, (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('pupil_subgroups_pk', ['pupil_id', 'group_id'])
    .execute();
  await db.schema.createIndex('pupil_subgroups_school_idx').on('pupil_subgroups').column('school_id').execute();

  await db.schema
    .createTable('staff_groups')
    .addColumn('school_id', idRef, (c) => c.notNull().references('schools.id'))
    .addColumn('staff_id', idRef, (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('group_id', idRef, (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('staff_groups_pk', ['staff_id', 'group_id'])
    .execute();
  await db.schema.createIndex('staff_groups_school_idx').on('staff_groups').column('school_id').execute();

  await createTableWithId(db, 'import_changes', dialect)
    .addColumn('import_id', idRef, (c) => c.notNull().references('import_runs.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', idRef, (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('before', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_changes_import_idx').on('import_changes').column('import_id').execute();

  await db.schema
    .createTable('pending_imports')
    .addColumn('import_id', idRef, (c) => c.primaryKey().references('import_runs.id'))
    .addColumn('content', blob, (c) => c.notNull())
    .execute();

  await createTableWithId(db, 'las_tokens', dialect)
    .addColumn('school_id', idRef, (c) => c.notNull().references('schools.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('login_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await createTableWithId(db, 'audit_log', dialect)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('board_id', idRef)
    .addColumn('school_id', idRef)
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_school_idx').on('audit_log').columns(['school_id', 'id']).execute();
}
