/**
 * The outbox pages: only the platform operator reads them; without SMTP they say so and
 * show each message's text with its links clickable; with SMTP they list what was sent
 * without keeping its body.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { composeMail } from '../../src/mail/index.js';
import { testDatabases } from '../helpers/databases.js';
import { buildTestApp, createTestSchool, signInAsOperator, type TestApp } from '../helpers/app.js';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

const NO_SMTP_NOTE = 'Er is geen mailserver ingesteld (SMTP_URL): berichten worden hier bewaard in plaats van verstuurd.';

function message() {
  const url = `http://leerpoort.test/wachtwoord/${randomBytes(16).toString('hex')}?stap=1&taal=nl`;
  const subject = `Nieuw wachtwoord <kiezen> ${randomBytes(4).toString('hex')}`;
  return { url, subject, body: composeMail({ greeting: 'Beste Sanne,', paragraphs: ['Kies een nieuw wachtwoord.'], action: { label: 'Wachtwoord kiezen', url } }) };
}

for (const database of testDatabases()) {
  describe(`[${database.name}] outbox pages without SMTP`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(database);
    });
    after(() => t.close());

    test('need the platform operator', async () => {
      for (const url of ['/beheer/uitgaande-post', '/beheer/uitgaande-post/1']) {
        const response = await t.app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 303, url);
        assert.equal(response.headers.location, '/inloggen', url);
      }
    });

    test('list and message: the note, the escaped subject, the text with its link clickable', async () => {
      const school = await createTestSchool(t.capabilities);
      const to = `sanne.${randomBytes(5).toString('hex')}@school.test`;
      const { url, subject, body } = message();
      const receipt = await t.capabilities.mail.send({ to, subject, ...body, purpose: 'staff.reset', schoolId: school.id });
      assert.equal(receipt.delivered, 'outbox');

      const browser = await signInAsOperator(t);
      const list = await browser.get('/beheer/uitgaande-post');
      assert.equal(list.statusCode, 200);
      assert.equal(list.headers['cache-control'], 'no-store');
      assert.ok(list.body.includes(NO_SMTP_NOTE));
      assert.ok(list.body.includes('Berichten worden na 7 dagen verwijderd'));
      assert.ok(list.body.includes(`<a href="/beheer/uitgaande-post/${receipt.id}">${subject.replace('<', '&lt;').replace('>', '&gt;')}</a>`));
      assert.ok(!list.body.includes('<kiezen>'), 'the subject is escaped');
      assert.ok(list.body.includes(to));
      assert.ok(list.body.includes('<code>staff.reset</code>'));
      assert.ok(list.body.includes('uitgaande post (niet verstuurd)'));
      assert.ok(list.body.includes('href="/beheer/uitgaande-post">Uitgaande post</a>'), 'navigation links to the outbox');

      const page = await browser.get(`/beheer/uitgaande-post/${receipt.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(NO_SMTP_NOTE));
      const href = url.replace('&', '&amp;');
      assert.ok(page.body.includes(`<a href="${href}">${href}</a>`), 'the link is clickable');
      assert.ok(page.body.includes('<p>Kies een nieuw wachtwoord.</p>'));
      assert.ok(page.body.includes('<p>Wachtwoord kiezen:<br/>') || page.body.includes('<p>Wachtwoord kiezen:<br>'), 'line breaks are kept');
      assert.ok(!page.body.includes('style="display:inline-block'), 'the html version is not rendered into the page');
    });

    test('a message that does not exist (or was purged) is a 404', async () => {
      const browser = await signInAsOperator(t);
      for (const id of ['999999999999', 'abc', '1e3']) {
        const response = await browser.get(`/beheer/uitgaande-post/${id}`);
        assert.equal(response.statusCode, 404, id);
      }
    });
  });

  describe(`[${database.name}] outbox pages with SMTP`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    before(async () => {
      smtp = await startTestSmtpServer();
      t = await buildTestApp(database, { SMTP_URL: smtp.url, MAIL_FROM: 'Leerpoort <noreply@leerpoort.test>' });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('list what was sent; the body is not kept', async () => {
      const to = `bas.${randomBytes(5).toString('hex')}@school.test`;
      const { subject, body } = message();
      const receipt = await t.capabilities.mail.send({ to, subject, ...body, purpose: 'staff.reset' });
      assert.equal(receipt.delivered, 'smtp');
      assert.equal((await smtp.waitForMessage(to)).from, '"Leerpoort" <noreply@leerpoort.test>', 'MAIL_FROM is the From header');

      const browser = await signInAsOperator(t);
      const list = await browser.get('/beheer/uitgaande-post');
      assert.ok(!list.body.includes(NO_SMTP_NOTE));
      assert.ok(list.body.includes('Berichten worden via de mailserver (SMTP_URL) verstuurd.'));
      assert.ok(list.body.includes(to));
      const page = await browser.get(`/beheer/uitgaande-post/${receipt.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('De inhoud van dit bericht is niet bewaard'));
      assert.ok(!page.body.includes('/wachtwoord/'), 'no one-time link on the page');
    });
  });
}
