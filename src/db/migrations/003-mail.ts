/**
 * Sent and held e-mail. Every message Leerpoort sends is recorded here: through SMTP (the
 * body is not kept; the recipient has it) or, without a mail server, as the outbox a
 * person reads in the web UI. Rows are purged after a week (see src/mail): they may carry
 * one-time links. The created_at index serves both the newest-first list and the purge.
 */
import type { DialectName } from '../database.js';
import { createTableWithId, idRef, type AnyDb } from './columns.js';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await createTableWithId(db, 'mail_messages', dialect)
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text') // null for messages handed to SMTP
    .addColumn('html', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('school_id', idRef(dialect), (c) => c.references('schools.id'))
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('mail_messages_created_idx').on('mail_messages').columns(['created_at', 'id']).execute();
}
