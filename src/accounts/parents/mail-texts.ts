/** The e-mails parents receive: the link to choose a password for a home login, and a reset link. */
import { composeMail } from '../../mail/index.js';

export function parentActivationMail(input: { url: string; schoolName: string | null }) {
  const invited = input.schoolName ? `${input.schoolName} nodigt u uit voor de thuisinlog van Leerpoort.` : 'U (of iemand die uw e-mailadres kent) heeft een thuisinlog voor Leerpoort aangevraagd.';
  return {
    subject: 'Uw thuisinlog voor Leerpoort',
    ...composeMail({
      greeting: 'Beste ouder of verzorger,',
      paragraphs: [
        invited,
        'Met de thuisinlog opent u thuis de tegels van uw kind. Kies via de link hieronder een wachtwoord; daarna bent u meteen ingelogd en koppelt u uw kind met de pincode van school. De link werkt één keer en is 7 dagen geldig.',
        'Hebt u dit niet aangevraagd? Dan kunt u dit bericht negeren; er gebeurt niets.',
      ],
      action: { label: 'Wachtwoord kiezen', url: input.url },
    }),
  };
}

export function parentResetMail(input: { url: string }) {
  return {
    subject: 'Nieuw wachtwoord voor uw thuisinlog',
    ...composeMail({
      greeting: 'Beste ouder of verzorger,',
      paragraphs: [
        'Iemand (waarschijnlijk u) heeft gevraagd om een nieuw wachtwoord voor uw thuisinlog van Leerpoort.',
        'Kies via de link hieronder een nieuw wachtwoord. De link werkt één keer en is 1 uur geldig. Na het wijzigen wordt u op alle apparaten uitgelogd.',
        'Hebt u dit niet gevraagd? Dan kunt u dit bericht negeren; uw wachtwoord blijft hetzelfde.',
      ],
      action: { label: 'Nieuw wachtwoord kiezen', url: input.url },
    }),
  };
}
