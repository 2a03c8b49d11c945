/** composeMail: one plain look, escaped HTML, the link written out, and only web links. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeMail, DEFAULT_MAIL_FOOTER } from '../../src/mail/index.js';
import { linksIn } from '../helpers/smtp.js';

const content = {
  greeting: 'Beste Zoë <b>Yılmaz</b>,',
  paragraphs: ['Er is een account voor u aangemaakt bij "De Regenboog" & co.', 'De link werkt 24 uur.'],
  action: { label: 'Account activeren', url: 'https://leerpoort.example.nl/activeren/abc?x=1&y=2' },
};

test('text: greeting, paragraphs, the action with its link on its own line, and the footer', () => {
  const { text } = composeMail(content);
  assert.equal(
    text,
    [
      'Beste Zoë <b>Yılmaz</b>,',
      'Er is een account voor u aangemaakt bij "De Regenboog" & co.',
      'De link werkt 24 uur.',
      'Account activeren:\nhttps://leerpoort.example.nl/activeren/abc?x=1&y=2',
      `-- \n${DEFAULT_MAIL_FOOTER}`,
    ].join('\n\n') + '\n',
  );
});

test('html: every text is escaped; the link is a button and also written out', () => {
  const { html } = composeMail(content);
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<html lang="nl">/);
  assert.ok(html.includes('<p>Beste Zoë &lt;b&gt;Yılmaz&lt;/b&gt;,</p>'));
  assert.ok(html.includes('bij &quot;De Regenboog&quot; &amp; co.'));
  assert.ok(!html.includes('<b>'));
  assert.ok(html.includes('<a href="https://leerpoort.example.nl/activeren/abc?x=1&amp;y=2" style='));
  assert.ok(html.includes('>Account activeren</a>'));
  assert.ok(html.includes('Werkt de knop niet?'));
  assert.deepEqual(linksIn({ html }), ['https://leerpoort.example.nl/activeren/abc?x=1&y=2']);
  assert.deepEqual(linksIn(composeMail(content)), ['https://leerpoort.example.nl/activeren/abc?x=1&y=2']);
});

test('without an action there is no link; a footer of its own replaces the default', () => {
  const mail = composeMail({ greeting: 'Beste ouder,', paragraphs: ['Uw kind is gekoppeld.'], footer: 'Met vriendelijke groet, De Regenboog' });
  assert.deepEqual(linksIn(mail), []);
  assert.ok(mail.text.endsWith('-- \nMet vriendelijke groet, De Regenboog\n'));
  assert.ok(!mail.html.includes('<a '));
  assert.ok(!mail.text.includes(DEFAULT_MAIL_FOOTER));
});

test('an action link must be an absolute web address', () => {
  for (const url of ['javascript:alert(1)', 'data:text/html,hoi', '/activeren/abc', 'ftp://example.nl/x']) {
    assert.throws(() => composeMail({ ...content, action: { label: 'Klik', url } }), TypeError, url);
  }
});
