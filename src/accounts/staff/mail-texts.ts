/** The e-mails staff receive: an invitation to activate the account, and a reset link. */
import { composeMail } from '../../mail/index.js';

export function activationMail(input: { displayName: string; schoolName: string | null; url: string }) {
  const where = input.schoolName ? ` van ${input.schoolName}` : '';
  return {
    subject: 'Uw Leerpoort-account activeren',
    ...composeMail({
      greeting: `Beste ${input.displayName},`,
      paragraphs: [
        `Er is een Leerpoort-account voor u klaargezet${where}. Leerpoort is de inlogomgeving van de school.`,
        'Kies via de link hieronder een wachtwoord; daarna bent u meteen ingelogd. De link werkt één keer en is 7 dagen geldig.',
        'Verwachtte u dit bericht niet? Dan kunt u het negeren.',
      ],
      action: { label: 'Account activeren', url: input.url },
    }),
  };
}

export function resetMail(input: { displayName: string; url: string }) {
  return {
    subject: 'Nieuw wachtwoord voor Leerpoort',
    ...composeMail({
      greeting: `Beste ${input.displayName},`,
      paragraphs: [
        'Iemand (waarschijnlijk u) heeft gevraagd om een nieuw wachtwoord voor uw Leerpoort-account.',
        'Kies via de link hieronder een nieuw wachtwoord. De link werkt één keer en is 1 uur geldig. Na het wijzigen wordt u op alle apparaten uitgelogd.',
        'Hebt u dit niet gevraagd? Dan kunt u dit bericht negeren; uw wachtwoord blijft hetzelfde.',
      ],
      action: { label: 'Nieuw wachtwoord kiezen', url: input.url },
    }),
  };
}
