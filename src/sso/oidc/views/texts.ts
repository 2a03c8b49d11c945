/** Dutch text of the OpenID Connect pages. */
export const oidcTexts = {
  chooseSchool: {
    title: 'Voor welke school opent u de lesmethode?',
    intro: 'U werkt op meer dan één school. Kies de school waarvoor u de lesmethode opent; de uitgeverij ziet alleen die school.',
  },
  logout: {
    title: 'Uitloggen bij de lesmethode',
    question: (client: string | null) => (client ? `Wilt u uitloggen bij ${client}?` : 'Wilt u uitloggen bij de lesmethode?'),
    yes: 'Ja, uitloggen',
    no: 'Nee, ingelogd blijven',
  },
  loggedOut: {
    title: 'U bent uitgelogd',
    body: (client: string | null) => (client ? `U bent uitgelogd bij ${client}.` : 'U bent uitgelogd bij de lesmethode.'),
    back: 'Naar Leerpoort',
  },
  error: {
    title: 'Inloggen bij de lesmethode lukt niet',
    body: 'De lesmethode vroeg iets wat Leerpoort niet kan toestaan. Ga terug naar de lesmethode of naar Leerpoort en probeer het opnieuw. Blijft het misgaan, geef dan de foutcode hieronder door aan de uitgeverij.',
    code: 'Foutcode',
    back: 'Naar Leerpoort',
  },
  clients: {
    title: 'OIDC-clients van uitgeverijen',
    caption: 'Geregistreerde clients',
    empty: 'Er zijn nog geen OIDC-clients.',
    columns: { publisher: 'Uitgeverij', clientId: 'client_id', profile: 'Profiel', redirects: 'Redirect-URI\'s', backchannel: 'Back-channel logout' },
    form: {
      legend: 'Client toevoegen',
      submit: 'Client toevoegen',
      publisher: 'Uitgeverij',
      publisherPlaceholder: 'Kies een uitgeverij',
      redirectUris: 'Redirect-URI\'s',
      redirectHint: 'Eén adres per regel, alle op dezelfde host.',
      postLogout: 'Adressen na uitloggen',
      postLogoutHint: 'Eén adres per regel (post_logout_redirect_uri).',
      backchannel: 'Back-channel-logout-adres',
      profile: 'Gegevensprofiel',
      profilePlaceholder: 'Kies een profiel',
      noPublishers: 'Voeg eerst een uitgeverij toe (leerpoort publishers add).',
    },
    profiles: { minimal: 'minimaal (pseudoniem, rol, BRIN)', standard: 'standaard (+ voornaam, groep, leerjaar)', with_eck: 'met ECK iD (+ ECK iD)' },
    created: {
      title: 'Client toegevoegd',
      intro: 'Geef deze gegevens veilig door aan de uitgeverij. Het geheim wordt maar één keer getoond; Leerpoort bewaart het versleuteld.',
      clientId: 'client_id',
      secret: 'client_secret',
      issuer: 'Issuer (discovery onder /.well-known/openid-configuration)',
      back: 'Terug naar de clients',
    },
  },
  crumbs: { operator: 'Beheer' },
} as const;
