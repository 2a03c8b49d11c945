/**
 * Sends e-mail through SMTP (nodemailer) when SMTP_URL is set, and otherwise keeps it in
 * the outbox, which the platform operator reads at /beheer/uitgaande-post: on a fresh
 * machine every flow that mails a link can still be followed.
 *
 * Messages carry one-time links, which are secrets. So: a body handed to SMTP is not
 * stored; outbox bodies live at most OUTBOX_RETENTION_DAYS (every send, list and read
 * purges older rows); bodies are never logged; a failure records the server's reason only.
 */
import { createTransport } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Database, MailTransport } from '../db/index.js';
import { type Clock, isoNow } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { deleteMailBefore, findMail, insertMail, listMail, type MailSummary, type StoredMail } from './store.js';

export const OUTBOX_RETENTION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_ERROR_LENGTH = 500;
const DEFAULT_LIST_LIMIT = 100;

/**
 * Nodemailer waits two minutes for a dead server by default; a person waiting for a page
 * should hear much sooner. Query parameters in SMTP_URL (e.g. `?connectionTimeout=30000`)
 * override these.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the message is for, e.g. 'staff.activation'; shown in the outbox. */
  purpose: string;
  schoolId?: number | null;
}

export interface MailReceipt {
  id: number;
  delivered: MailTransport;
}

export interface Mailer {
  /** 'smtp' when a mail server is configured, else 'outbox'. */
  readonly transport: MailTransport;
  /** Throws AppError `mail.invalid_address` for a bad recipient, `mail.send_failed` when SMTP refuses. */
  send(message: OutgoingMail): Promise<MailReceipt>;
  readonly outbox: {
    /** The most recent messages, newest first (default 100). */
    list(limit?: number): Promise<MailSummary[]>;
    get(id: number): Promise<StoredMail | null>;
  };
}

/** One plain address: no display name, list separators or line breaks. */
const ADDRESS_PATTERN = /^[^\s<>@,;:"()[\]\\]+@[^\s<>@,;:"()[\]\\]+$/;

function recipientOf(to: string): string {
  const address = to.trim();
  if (address.length > 254 || !ADDRESS_PATTERN.test(address)) throw new AppError('mail.invalid_address', { address: address.slice(0, 100) });
  return address;
}

export function createMailer(deps: { db: Kysely<Database>; clock: Clock; smtpUrl: string | null; from: string }): Mailer {
  const { db, clock, from } = deps;
  const smtp = deps.smtpUrl ? createTransport({ url: deps.smtpUrl, ...SMTP_TIMEOUTS }) : null;

  async function purgeExpired(): Promise<void> {
    await deleteMailBefore(db, new Date(clock.now().getTime() - OUTBOX_RETENTION_DAYS * DAY_MS).toISOString());
  }

  async function sendThroughSmtp(transport: NonNullable<typeof smtp>, message: OutgoingMail, to: string): Promise<MailReceipt> {
    const createdAt = isoNow(clock);
    const record = { to, subject: message.subject, text: null, html: null, purpose: message.purpose, schoolId: message.schoolId ?? null, transport: 'smtp' as const, createdAt };
    try {
      await transport.sendMail({
        from,
        to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // RFC 3834: an automatic message; out-of-office replies should not answer it.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      const reason = (error as Error).message.slice(0, MAX_ERROR_LENGTH);
      const id = await insertMail(db, { ...record, sentAt: null, error: reason });
      throw new AppError('mail.send_failed', {}, { mailId: id, reason });
    }
    const id = await insertMail(db, { ...record, sentAt: isoNow(clock), error: null });
    return { id, delivered: 'smtp' };
  }

  return {
    transport: smtp ? 'smtp' : 'outbox',

    async send(message) {
      const to = recipientOf(message.to);
      await purgeExpired();
      if (smtp) return sendThroughSmtp(smtp, message, to);
      const now = isoNow(clock);
      const id = await insertMail(db, {
        to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        purpose: message.purpose,
        schoolId: message.schoolId ?? null,
        transport: 'outbox',
        createdAt: now,
        sentAt: null,
        error: null,
      });
      return { id, delivered: 'outbox' };
    },

    outbox: {
      async list(limit = DEFAULT_LIST_LIMIT) {
        await purgeExpired();
        return listMail(db, Math.max(1, Math.min(limit, 1000)));
      },
      async get(id) {
        await purgeExpired();
        return findMail(db, id);
      },
    },
  };
}
