/**
 * The mailer against a real SMTP server (smtp-server on loopback) and a real database:
 * delivery with headers and links, refusal recorded as `mail.send_failed`, the outbox
 * without SMTP, and the week-long retention of messages that may hold one-time links.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createMailer, composeMail, OUTBOX_RETENTION_DAYS } from '../../src/mail/index.js';
import { AppError } from '../../src/lib/errors.js';
import { openTestDatabase, testDatabases } from '../helpers/databases.js';
import { createTestClock } from '../helpers/app.js';
import { closedSmtpUrl, linksIn, startTestSmtpServer } from '../helpers/smtp.js';

const FROM = 'Leerpoort Test <noreply@leerpoort.test>';

function uniqueAddress(name = 'juf'): string {
  return `${name}.${randomBytes(6).toString('hex')}@school.test`;
}

function activationMail(to: string) {
  const url = `http://leerpoort.test/activeren/${randomBytes(16).toString('hex')}`;
  const body = composeMail({ greeting: 'Beste Anna,', paragraphs: ['Activeer uw account.'], action: { label: 'Account activeren', url } });
  return { url, message: { to, subject: 'Uw Leerpoort-account activeren', ...body, purpose: 'staff.activation' } };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, String(error));
  assert.equal(error.code, code);
  return error;
}

for (const testDb of testDatabases()) {
  test(`${testDb.name}: mail`, async (t) => {
    const db = await openTestDatabase(testDb);
    t.after(() => db.close());
    const clock = createTestClock();
    const smtp = await startTestSmtpServer({ user: 'leerpoort', password: 'geheim wachtwoord' });
    t.after(() => smtp.close());

    await t.test('with SMTP: the message arrives with subject, From, text, html and its link; the body is not kept', async () => {
      const mailer = createMailer({ db: db.kysely, clock, smtpUrl: smtp.url, from: FROM });
      assert.equal(mailer.transport, 'smtp');
      const to = uniqueAddress();
      const { url, message } = activationMail(to);
      const receipt = await mailer.send({ ...message, to: `  ${to.toUpperCase()} ` });
      assert.equal(receipt.delivered, 'smtp');

      const received = await smtp.waitForMessage(to);
      assert.equal(received.subject, 'Uw Leerpoort-account activeren');
      assert.equal(received.from, '"Leerpoort Test" <noreply@leerpoort.test>');
      assert.deepEqual(received.envelope, { from: 'noreply@leerpoort.test', to: [to] });
      assert.equal(received.authenticatedUser, 'leerpoort');
      assert.equal(received.headers.get('auto-submitted'), 'auto-generated');
      assert.match(received.text, /Activeer uw account\./);
      assert.ok(received.html?.includes('>Account activeren</a>'));
      assert.deepEqual(linksIn(received), [url]);

      const stored = await mailer.outbox.get(receipt.id);
      assert.ok(stored);
      assert.equal(stored.transport, 'smtp');
      assert.equal(stored.to, to.toUpperCase(), 'trimmed, otherwise as given');
      assert.equal(stored.purpose, 'staff.activation');
      assert.equal(stored.text, null);
      assert.equal(stored.html, null);
      assert.equal(stored.error, null);
      assert.ok(stored.sentAt);
    });

    await t.test('two messages to one address are handed out one by one, in order', async () => {
      const mailer = createMailer({ db: db.kysely, clock, smtpUrl: smtp.url, from: FROM });
      const to = uniqueAddress('meester');
      const first = activationMail(to);
      const second = activationMail(to);
      await mailer.send(first.message);
      const waiting = smtp.waitForMessage(to);
      await mailer.send({ ...second.message, subject: 'Wachtwoord opnieuw instellen', purpose: 'staff.reset' });
      assert.deepEqual(linksIn(await waiting), [first.url]);
      const later = await smtp.waitForMessage(to);
      assert.equal(later.subject, 'Wachtwoord opnieuw instellen');
      assert.deepEqual(linksIn(later), [second.url]);
    });

    await t.test('an SMTP server that cannot be reached: mail.send_failed, recorded with the reason', async () => {
      const mailer = createMailer({ db: db.kysely, clock, smtpUrl: await closedSmtpUrl(), from: FROM });
      const { message } = activationMail(uniqueAddress());
      const error = await rejectsWith(mailer.send(message), 'mail.send_failed');
      assert.equal(error.status, 503);
      assert.match(error.message, /kon niet worden verstuurd/);
      const { mailId } = error.details as { mailId: number };
      const stored = await mailer.outbox.get(mailId);
      assert.ok(stored);
      assert.equal(stored.transport, 'smtp');
      assert.equal(stored.sentAt, null);
      assert.match(stored.error ?? '', /ECONNREFUSED/);
      assert.equal(stored.text, null);
    });

    await t.test('wrong SMTP credentials: mail.send_failed, nothing delivered', async () => {
      const wrongUrl = smtp.url.replace('geheim%20wachtwoord', 'fout');
      const mailer = createMailer({ db: db.kysely, clock, smtpUrl: wrongUrl, from: FROM });
      const to = uniqueAddress();
      const error = await rejectsWith(mailer.send(activationMail(to).message), 'mail.send_failed');
      const stored = await mailer.outbox.get((error.details as { mailId: number }).mailId);
      assert.match(stored?.error ?? '', /Invalid username or password/);
      assert.ok(!smtp.received.some((mail) => mail.envelope.to.includes(to)));
    });

    await t.test('without SMTP the message lands in the outbox, readable with its link', async () => {
      const mailer = createMailer({ db: db.kysely, clock, smtpUrl: null, from: FROM });
      assert.equal(mailer.transport, 'outbox');
      const to = uniqueAddress('ouder');
      const { url, message } = activationMail(to);
      const receipt = await mailer.send({ ...message, purpose: 'parent.invitation' });
      assert.equal(receipt.delivered, 'outbox');
      const stored = await mailer.outbox.get(receipt.id);
      assert.ok(stored);
      assert.deepEqual(
        { to: stored.to, subject: stored.subject, purpose: stored.purpose, transport: stored.transport, schoolId: stored.schoolId, sentAt: stored.sentAt, error: stored.error },
        { to, subject: message.subject, purpose: 'parent.invitation', transport: 'outbox', schoolId: null, sentAt: null, error: null },
      );
      assert.equal(stored.text, message.text);
      assert.equal(stored.html, message.html);
      assert.deepEqual(linksIn(stored), [url]);
      const listed = await mailer.outbox.list(1000);
      assert.ok(listed.some((item) => item.id === receipt.id && item.to === to));
      assert.equal(await mailer.outbox.get(receipt.id + 1_000_000), null);
    });

    await t.test('a recipient that is not one plain address is refused and nothing is recorded', async () => {
      const mailer = createMailer({ db: db.kysely, clock, smtpUrl: null, from: FROM });
      const subject = `Ongeldig adres ${randomBytes(6).toString('hex')}`;
      for (const to of ['', 'geen-adres', 'a@b.nl, c@d.nl', 'Anna <a@b.nl>', 'a@b.nl\r\nBcc: c@d.nl', 'a b@c.nl']) {
        await rejectsWith(mailer.send({ ...activationMail(to).message, to, subject }), 'mail.invalid_address');
      }
      const rows = await db.kysely.selectFrom('mail_messages').select('id').where('subject', '=', subject).execute();
      assert.deepEqual(rows, []);
    });

    await t.test(`messages older than ${OUTBOX_RETENTION_DAYS} days are purged when the outbox is read or mail is sent`, async () => {
      // Back-dated clocks write the old rows: moving "now" forward instead would purge the rows of tests running beside this one.
      const daysAgo = (days: number) => {
        const past = createTestClock();
        past.advance(-days * 24 * 60);
        return createMailer({ db: db.kysely, clock: past, smtpUrl: null, from: FROM });
      };
      const old = await daysAgo(OUTBOX_RETENTION_DAYS + 1).send(activationMail(uniqueAddress()).message);
      const recent = await daysAgo(OUTBOX_RETENTION_DAYS - 1).send(activationMail(uniqueAddress()).message);
      const mailer = createMailer({ db: db.kysely, clock, smtpUrl: null, from: FROM });
      const ids = (await mailer.outbox.list(1000)).map((item) => item.id);
      assert.ok(!ids.includes(old.id), 'the old message is gone');
      assert.ok(ids.includes(recent.id), 'the recent message is kept');
      assert.equal(await mailer.outbox.get(old.id), null);

      const older = await daysAgo(OUTBOX_RETENTION_DAYS + 2).send(activationMail(uniqueAddress()).message);
      await mailer.send(activationMail(uniqueAddress()).message);
      const row = await db.kysely.selectFrom('mail_messages').select('id').where('id', '=', older.id).executeTakeFirst();
      assert.equal(row, undefined, 'sending purged it too');
    });
  });
}
