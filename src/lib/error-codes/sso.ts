/**
 * Error codes of single sign-on: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const ssoMessages = {
  'sso.eckid_missing': 'Deze lesmethode heeft het ECK iD van de leerling nodig, maar voor deze leerling is nog geen ECK iD bekend. De school (ICT-coördinator of leerkracht) kan in Leerpoort zien waarom het ontbreekt en wat eraan te doen is.',
  'sso.person_not_found': 'Uw gegevens bij deze school zijn niet (meer) gevonden. Log opnieuw in of vraag de school om hulp.',
} as const;

export const ssoStatus: Record<keyof typeof ssoMessages, number> = {
  'sso.eckid_missing': 403,
  'sso.person_not_found': 403,
};
