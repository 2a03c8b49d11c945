/** Dutch texts of the privacy pages. */
import type { ReleasedAttribute, SharingProfile } from '../../sso/index.js';

export const profileLabels: Record<SharingProfile, string> = {
  minimal: 'Minimaal (pseudoniem, rol, BRIN)',
  standard: 'Standaard (ook voornaam, groep en jaargroep)',
  with_eck: 'Met ECK iD (standaard plus het ECK iD)',
};

export const attributeLabels: Record<ReleasedAttribute, string> = {
  pseudonym: 'pseudoniem',
  role: 'rol',
  brin: 'BRIN',
  givenName: 'voornaam',
  group: 'groep',
  yearGroup: 'jaargroep',
  eckId: 'ECK iD',
};

export const channelLabels = { oidc: 'OpenID Connect', saml: 'SAML', api: 'API' } as const;
export const kindLabels = { pupil: 'leerling', staff: 'medewerker' } as const;

export const privacyTexts = {
  consent: {
    title: (school: string) => `Uitgeverijen van ${school}`,
    intro:
      'Vink aan welke uitgeverijen gegevens van leerlingen en medewerkers van deze school mogen ontvangen. Een uitgeverij krijgt alleen gegevens als de school haar heeft aangevinkt én het bestuur een verwerkersovereenkomst met haar heeft. Welke gegevens precies, staat bij het deelprofiel van die overeenkomst. Elke wijziging levert een ontvangstbewijs op.',
    legend: 'Uitgeverijen die gegevens mogen ontvangen',
    submit: 'Opslaan',
    none: 'Er zijn nog geen uitgeverijen op dit platform.',
    agreement: 'Verwerkersovereenkomst van het bestuur',
    noAgreement: 'Geen: het bestuur moet eerst een verwerkersovereenkomst met deze uitgeverij afsluiten. Tot dan krijgt zij geen gegevens, ook niet als u haar aanvinkt.',
    agreementProfile: (profile: string, reference: string | null) => (reference ? `Ja (${reference}); deelprofiel: ${profile}.` : `Ja; deelprofiel: ${profile}.`),
    lastChange: (when: string, who: string) => `Laatst gewijzigd ${when} door ${who}`,
    saved: (n: number) => (n === 0 ? 'Er is niets gewijzigd.' : n === 1 ? 'Opgeslagen. Er is één ontvangstbewijs gemaakt.' : `Opgeslagen. Er zijn ${n} ontvangstbewijzen gemaakt.`),
    readOnly: 'U kunt deze keuzes bekijken; alleen de ICT-coördinator van de school of een bestuursbeheerder kan ze wijzigen.',
    ledgerLink: 'Bekijk welke gegevens aan uitgeverijen zijn verstrekt',
  },
  receipts: {
    heading: 'Ontvangstbewijzen',
    none: 'Er zijn nog geen ontvangstbewijzen: de keuzes zijn nog nooit gewijzigd.',
    number: 'Nummer',
    when: 'Wanneer',
    what: 'Wijziging',
    who: 'Door',
    download: 'Downloaden',
    school: 'School',
    granted: (publisher: string) => `Toestemming gegeven aan ${publisher}`,
    withdrawn: (publisher: string) => `Toestemming ingetrokken voor ${publisher}`,
  },
  ledger: {
    schoolTitle: (school: string) => `Verstrekte gegevens van ${school}`,
    boardTitle: (board: string) => `Privacy van ${board}`,
    intro:
      'Elke keer dat Leerpoort gegevens aan een uitgeverij geeft (bij het openen van een lesmethode of via de API), staat hier wie het betrof, welke gegevens (alleen de soort, nooit de inhoud), aan wie, wanneer en onder welke verwerkersovereenkomst. De lijst is beveiligd met een hashketen: achteraf wijzigen valt op.',
    boardIntro: 'De verwerkersovereenkomsten van het bestuur, de verstrekkingen aan uitgeverijen bij alle scholen van het bestuur (zonder namen van leerlingen) en de ontvangstbewijzen van de scholen.',
    heading: 'Verstrekkingen',
    caption: (n: number) => (n === 1 ? 'Eén verstrekking' : `${n} verstrekkingen, nieuwste eerst (hoogstens 200; de CSV bevat ze allemaal)`),
    none: 'Er zijn in deze periode geen gegevens verstrekt.',
    filter: 'Periode',
    from: 'Van (datum)',
    to: 'Tot en met (datum)',
    show: 'Tonen',
    csv: 'Downloaden als CSV (alle verstrekkingen in de periode)',
    columns: { seq: 'Nr.', at: 'Wanneer', school: 'School', subject: 'Betrokkene', publisher: 'Uitgeverij', recipient: 'Ontvanger', channel: 'Kanaal', attributes: 'Gegevens', agreement: 'Overeenkomst' },
  },
  agreements: {
    title: 'Verwerkersovereenkomsten',
    intro: 'Per bestuur en uitgeverij: is er een verwerkersovereenkomst (model Privacyconvenant), en welk deelprofiel staat die ten hoogste toe. Zonder lopende overeenkomst krijgt een uitgeverij geen gegevens van de scholen van dat bestuur.',
    heading: 'Overeenkomsten',
    none: 'Er zijn nog geen verwerkersovereenkomsten vastgelegd.',
    columns: { board: 'Bestuur', publisher: 'Uitgeverij', profile: 'Deelprofiel', reference: 'Kenmerk', signedOn: 'Getekend', status: 'Stand', since: 'Sinds', actions: 'Acties' },
    active: 'Lopend',
    ended: (when: string) => `Beëindigd (${when})`,
    end: 'Beëindigen',
    legend: 'Verwerkersovereenkomst vastleggen of wijzigen',
    submit: 'Vastleggen',
    board: 'Bestuur',
    boardPlaceholder: 'Kies een bestuur',
    publisher: 'Uitgeverij',
    publisherPlaceholder: 'Kies een uitgeverij',
    profile: 'Ruimste deelprofiel',
    profilePlaceholder: 'Kies een deelprofiel',
    reference: 'Kenmerk van de overeenkomst',
    signedOn: 'Datum van ondertekening (JJJJ-MM-DD)',
    saved: 'De verwerkersovereenkomst is vastgelegd.',
    endedNotice: 'De verwerkersovereenkomst is beëindigd.',
  },
};
