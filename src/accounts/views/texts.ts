/** Dutch texts of the sign-in pages. */
export const accountTexts = {
  signIn: {
    title: 'Inloggen',
    intro: 'Beheerders van dit Leerpoort-platform hebben geen wachtwoord: zij loggen in met een eenmalige inloglink.',
    howTo: 'Iemand met toegang tot de server maakt zo’n link met het commando:',
    command: 'leerpoort login-link',
    validity: 'Een inloglink werkt één keer en is kort geldig (standaard 15 minuten). Open de link in deze browser.',
    signedOut: 'U bent uitgelogd.',
    alreadySignedIn: (label: string) => `U bent al ingelogd als ${label}.`,
  },
  confirm: {
    title: 'Inloggen met inloglink',
    intro: 'U staat op het punt in te loggen bij Leerpoort met een eenmalige inloglink.',
    why: 'De link wordt pas gebruikt als u op de knop drukt. Zo kan een programma dat links in e-mail of chat controleert hem niet per ongeluk opmaken.',
    button: 'Inloggen',
  },
} as const;
