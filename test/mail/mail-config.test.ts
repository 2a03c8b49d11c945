/** SMTP_URL and MAIL_FROM: parsed and checked once, safe defaults outside production, loud in production. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config/index.js';

/** The other settings production insists on, so these tests fail only on mail settings. */
const PRODUCTION = {
  LEERPOORT_ENV: 'production',
  COOKIE_SECRET: 'x'.repeat(40),
  PUPIL_SECRET_KEY: 'y'.repeat(40),
  SECRET_KEY: 'k'.repeat(40),
  PSEUDONYM_KEY: 'p'.repeat(40),
};

test('without SMTP_URL: the outbox, the default sender, and no warning outside production', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  assert.deepEqual(config.mail, { smtpUrl: null, from: 'Leerpoort <noreply@localhost>' });
  assert.ok(!config.warnings.some((warning) => warning.includes('SMTP_URL')));
});

test('SMTP_URL and MAIL_FROM are taken as given', () => {
  const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: 'smtps://mail%40school.nl:geheim@mail.example.nl:465', MAIL_FROM: ' Leerpoort De Regenboog <noreply@regenboog.nl> ' });
  assert.deepEqual(config.mail, { smtpUrl: 'smtps://mail%40school.nl:geheim@mail.example.nl:465', from: 'Leerpoort De Regenboog <noreply@regenboog.nl>' });
  assert.equal(loadConfig({ NODE_ENV: 'test', MAIL_FROM: 'noreply@school.nl' }).mail.from, 'noreply@school.nl');
});

test('an SMTP_URL that is not smtp:// or smtps:// is refused without echoing it', () => {
  for (const url of ['http://mail.example.nl', 'mail.example.nl:587', 'smtp//gebruiker:hunter2@x']) {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'test', SMTP_URL: url }),
      (error: unknown) => error instanceof ConfigError && /SMTP_URL moet beginnen met smtp:\/\//.test(error.message) && !error.message.includes('hunter2'),
      url,
    );
  }
});

test('a MAIL_FROM that is not one address (or would add a header) is refused', () => {
  for (const from of ['Leerpoort', 'Leerpoort <geen-adres>', 'a@b.nl\r\nBcc: c@d.nl', 'a@b.nl, c@d.nl']) {
    assert.throws(() => loadConfig({ NODE_ENV: 'test', MAIL_FROM: from }), /MAIL_FROM moet een e-mailadres zijn/, JSON.stringify(from));
  }
});

test('production: SMTP_URL needs a MAIL_FROM of its own; no SMTP_URL is a loud warning', () => {
  assert.throws(() => loadConfig({ ...PRODUCTION, SMTP_URL: 'smtp://mail.example.nl:587' }), /MAIL_FROM ontbreekt/);
  const withSmtp = loadConfig({ ...PRODUCTION, SMTP_URL: 'smtp://mail.example.nl:587', MAIL_FROM: 'noreply@school.nl' });
  assert.equal(withSmtp.mail.from, 'noreply@school.nl');
  assert.ok(!withSmtp.warnings.some((warning) => warning.includes('SMTP_URL')));
  const withoutSmtp = loadConfig(PRODUCTION);
  assert.ok(withoutSmtp.warnings.some((warning) => warning.includes('SMTP_URL is niet gezet') && warning.includes('/beheer/uitgaande-post')));
});
