/**
 * The only SQL of the mail capability. The outbox is the platform operator's view of all
 * mail, so its queries are platform-wide by design; `school_id` is recorded so a later
 * per-school view can filter on it.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, MailMessageTable, MailTransport } from '../db/index.js';

export interface MailSummary {
  id: number;
  to: string;
  subject: string;
  purpose: string;
  schoolId: number | null;
  transport: MailTransport;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}

export interface StoredMail extends MailSummary {
  /** The body; null for messages handed to SMTP (the recipient has them). */
  text: string | null;
  html: string | null;
}

export type NewMailRow = Omit<StoredMail, 'id'>;

const SUMMARY_COLUMNS = ['id', 'recipient', 'subject', 'purpose', 'school_id', 'transport', 'created_at', 'sent_at', 'error'] as const;

function toSummary(row: Pick<Selectable<MailMessageTable>, (typeof SUMMARY_COLUMNS)[number]>): MailSummary {
  return {
    id: Number(row.id),
    to: row.recipient,
    subject: row.subject,
    purpose: row.purpose,
    schoolId: row.school_id === null ? null : Number(row.school_id),
    transport: row.transport,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    error: row.error,
  };
}

export async function insertMail(db: Kysely<Database>, row: NewMailRow): Promise<number> {
  const inserted = await db
    .insertInto('mail_messages')
    .values({
      recipient: row.to,
      subject: row.subject,
      text: row.text,
      html: row.html,
      purpose: row.purpose,
      school_id: row.schoolId,
      transport: row.transport,
      created_at: row.createdAt,
      sent_at: row.sentAt,
      error: row.error,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Newest first. */
export async function listMail(db: Kysely<Database>, limit: number): Promise<MailSummary[]> {
  const rows = await db.selectFrom('mail_messages').select(SUMMARY_COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toSummary);
}

export async function findMail(db: Kysely<Database>, id: number): Promise<StoredMail | null> {
  const row = await db
    .selectFrom('mail_messages')
    .select([...SUMMARY_COLUMNS, 'text', 'html'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { ...toSummary(row), text: row.text, html: row.html } : null;
}

/** Removes every message created before `cutoff` (ISO-8601 UTC text compares in time order). */
export async function deleteMailBefore(db: Kysely<Database>, cutoff: string): Promise<number> {
  const result = await db.deleteFrom('mail_messages').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
