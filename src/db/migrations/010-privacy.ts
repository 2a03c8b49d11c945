/**
 * Privacy: processing agreements (board × publisher, model of the Privacyconvenant), the school's
 * consent per publisher with a receipt for every change, and the disclosure ledger (a hash chain
 * whose head row serialises appends across app instances; see docs/adr/0008-disclosure-ledger.md).
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.js';
import { createTableWithId, idRef, type AnyDb } from './columns.js';

/** The hash before the first entry: 64 zeros. */
const GENESIS = '0'.repeat(64);

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const ref = idRef(dialect);
  const withId = (name: string) => createTableWithId(db, name, dialect);

  // One row per agreement; a pair has at most one active agreement (partial unique index), ended
  // ones stay as history because ledger entries name the agreement they were released under.
  await withId('processing_agreements')
    .addColumn('board_id', ref, (c) => c.notNull().references('boards.id'))
    .addColumn('publisher_id', ref, (c) => c.notNull().references('publishers.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // active | ended
    .addColumn('profile', 'text', (c) => c.notNull()) // widest SharingProfile allowed
    .addColumn('reference', 'text')
    .addColumn('signed_on', 'text') // YYYY-MM-DD, as on the signed document
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .execute();
  await db.schema
    .createIndex('processing_agreements_active_unique')
    .on('processing_agreements')
    .columns(['board_id', 'publisher_id'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();

  await db.schema
    .createTable('publisher_consents')
    .addColumn('school_id', ref, (c) => c.notNull().references('schools.id'))
    .addColumn('publisher_id', ref, (c) => c.notNull().references('publishers.id'))
    .addColumn('granted', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('publisher_consents_pk', ['school_id', 'publisher_id'])
    .execute();

  await withId('consent_receipts')
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('school_id', ref, (c) => c.notNull().references('schools.id'))
    .addColumn('publisher_id', ref, (c) => c.notNull().references('publishers.id'))
    .addColumn('action', 'text', (c) => c.notNull()) // granted | withdrawn
    .addColumn('actor', 'text', (c) => c.notNull()) // staff:12
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // canonical JSON the hash is taken over
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_receipts_school_idx').on('consent_receipts').columns(['school_id', 'id']).execute();

  // seq is the chain position, assigned by the appender under the head lock (not generated).
  // No foreign keys: the ledger is evidence and must outlive the rows it names (a pupil who left).
  await db.schema
    .createTable('disclosure_ledger')
    .addColumn('seq', ref, (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('school_id', ref, (c) => c.notNull())
    .addColumn('board_id', ref, (c) => c.notNull())
    .addColumn('publisher_id', ref, (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', ref, (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull()) // JSON array of attribute NAMES, never values
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('agreement_id', ref, (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosure_ledger_school_idx').on('disclosure_ledger').columns(['school_id', 'seq']).execute();
  await db.schema.createIndex('disclosure_ledger_board_idx').on('disclosure_ledger').columns(['board_id', 'seq']).execute();

  // The chain head: one row, updated in the same transaction as every append. Its row lock
  // (PostgreSQL) or the write lock it takes (SQLite) keeps one chain across all instances.
  await db.schema
    .createTable('disclosure_ledger_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', ref, (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('disclosure_ledger_head').values({ id: 1, seq: 0, hash: GENESIS }).execute();
}
