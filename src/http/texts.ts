/**
 * Dutch texts shared by every page: the frame, sign-in state and error pages. Each
 * capability keeps its own page texts in its `views/texts.ts`.
 */
export const ui = {
  siteName: 'Leerpoort',
  skipLink: 'Naar de inhoud',
  mainNav: 'Hoofdmenu',
  navOperator: 'Beheer',
  navOutbox: 'Uitgaande post',
  navAccount: 'Mijn account',
  navPupil: 'Mijn lesmateriaal',
  signedInAs: (label: string) => `Ingelogd als ${label}`,
  logout: 'Uitloggen',
  footer: 'Leerpoort – de toegang tot digitaal lesmateriaal voor het primair onderwijs.',
  breadcrumbs: 'Kruimelpad',
  errorSummary: 'Er is een probleem',
  required: '(verplicht)',
  optional: '(niet verplicht)',
  error: {
    backToOperator: 'Naar het beheer',
    backToStart: 'Naar de startpagina',
    fileProblems: 'Problemen in het bestand',
  },
} as const;

/** Short Dutch titles per HTTP status, for error pages and problem+json `title`. */
export const statusTitles: Record<number, string> = {
  400: 'Ongeldig verzoek',
  401: 'Niet ingelogd',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  409: 'Kan nu niet',
  413: 'Te groot',
  415: 'Verkeerd soort inhoud',
  422: 'Niet te verwerken',
  500: 'Er ging iets mis',
};

export function statusTitle(status: number): string {
  return statusTitles[status] ?? (status >= 500 ? statusTitles[500] : statusTitles[400]);
}
