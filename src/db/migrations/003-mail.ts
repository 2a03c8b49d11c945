/**
 * Sent and held e-mail. Every message Leerpoort sends is recorded here: through SMTP (the
 * body is not kept; the recipient has it) or, without a mail server, as the outbox a
 * person reads in the web UI. Rows are purged after a week (see src/mail): they may carry
 * one-time links. The created_at index serves both the newest-first list and the purge.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const idRef = dialect === 'postgres' ? 'bigint' : 'integer';
  const table =
    dialect === 'postgres'
      ? db.schema.createTable('mail_messages').addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : db.schema.createTable('mail_messages').addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await table
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text') // null for messages handed to SMTP
    .addColumn('html', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('school_id', idRef, (c) => c.references('schools.id'))
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('mail_messages_created_idx').on('mail_messages').columns(['created_at', 'id']).execute();
}
