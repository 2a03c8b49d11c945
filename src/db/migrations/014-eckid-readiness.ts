/**
 * ECK iD readiness: the LAS's enrolment/DUO status per pupil, its facts per school, the
 * board's agreement with the Nummervoorziening, and daily coverage snapshots (the trend).
 */
import type { DialectName } from '../database.js';
import { createTableWithId, idRef as refType, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const idRef = refType(dialect);

  await db.schema
    .createTable('eckid_pupil_status')
    .addColumn('pupil_id', idRef, (c) => c.primaryKey().references('pupils.id').onDelete('cascade'))
    .addColumn('school_id', idRef, (c) => c.notNull().references('schools.id'))
    .addColumn('enrolment', 'text')
    .addColumn('funded', 'integer')
    .addColumn('duo_exchange', 'text')
    .addColumn('duo_message', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('eckid_pupil_status_school_idx').on('eckid_pupil_status').column('school_id').execute();

  await db.schema
    .createTable('eckid_school_status')
    .addColumn('school_id', idRef, (c) => c.primaryKey().references('schools.id'))
    .addColumn('las_product', 'text')
    .addColumn('las_product_name', 'text')
    .addColumn('las_instructed', 'integer')
    .addColumn('funded_school_type', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('eckid_board_agreements')
    .addColumn('board_id', idRef, (c) => c.primaryKey().references('boards.id'))
    .addColumn('agreement', 'integer', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();

  await createTableWithId(db, 'eckid_coverage_snapshots', dialect)
    .addColumn('school_id', idRef, (c) => c.notNull().references('schools.id'))
    .addColumn('board_id', idRef, (c) => c.notNull().references('boards.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('pupils', 'integer', (c) => c.notNull())
    .addColumn('with_eckid', 'integer', (c) => c.notNull())
    .addColumn('expected_without', 'integer', (c) => c.notNull())
    .addColumn('by_reason', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('eckid_coverage_snapshots_school_day_unique', ['school_id', 'day'])
    .execute();
  await db.schema.createIndex('eckid_coverage_snapshots_board_idx').on('eckid_coverage_snapshots').columns(['board_id', 'day']).execute();
}
