export { createMailer, OUTBOX_RETENTION_DAYS, type Mailer, type OutgoingMail, type MailReceipt } from './mailer.js';
export { composeMail, escapeHtml, DEFAULT_MAIL_FOOTER, type MailContent, type ComposedMail } from './compose-mail.js';
export type { MailSummary, StoredMail } from './store.js';
