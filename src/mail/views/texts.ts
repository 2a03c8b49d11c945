/** Dutch texts of the outbox pages. */
import type { MailTransport } from '../../db/index.js';

export const mailTexts = {
  list: {
    title: 'Uitgaande post',
    caption: 'Berichten van de afgelopen week, nieuwste eerst',
    empty: 'Er zijn de afgelopen week geen e-mailberichten gemaakt.',
  },
  noSmtp: 'Er is geen mailserver ingesteld (SMTP_URL): berichten worden hier bewaard in plaats van verstuurd.',
  noSmtpHow: 'Open een bericht om de tekst te lezen en de link erin te volgen. Stel SMTP_URL in om berichten echt te versturen.',
  withSmtp: 'Berichten worden via de mailserver (SMTP_URL) verstuurd. Hier ziet u wat er is verstuurd en wat mislukte; de inhoud van verstuurde berichten wordt niet bewaard.',
  retention: (days: number) => `Berichten worden na ${days} dagen verwijderd, omdat er eenmalige links in kunnen staan.`,
  columns: {
    when: 'Gemaakt op',
    to: 'Aan',
    subject: 'Onderwerp',
    purpose: 'Soort bericht',
    transport: 'Afgeleverd via',
    sentAt: 'Verstuurd op',
    error: 'Reden van mislukken',
  },
  transport: {
    smtp: 'mailserver',
    outbox: 'uitgaande post (niet verstuurd)',
  } satisfies Record<MailTransport, string>,
  failed: 'mislukt',
  detail: {
    title: (subject: string) => `Bericht: ${subject}`,
    caption: 'Gegevens van het bericht',
    body: 'Tekst van het bericht',
    bodyNotKept: 'De inhoud van dit bericht is niet bewaard: het is via de mailserver verstuurd en kan eenmalige links bevatten.',
    back: 'Terug naar de uitgaande post',
  },
  crumbs: { operator: 'Beheer', outbox: 'Uitgaande post' },
} as const;
