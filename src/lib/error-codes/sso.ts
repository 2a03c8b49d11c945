/**
 * Error codes of single sign-on: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const ssoMessages = {
  'sso.eckid_missing': 'Deze lesmethode heeft het ECK iD van de leerling nodig, maar voor deze leerling is nog geen ECK iD bekend. De school (ICT-coördinator of leerkracht) kan in Leerpoort zien waarom het ontbreekt en wat eraan te doen is.',
  'sso.person_not_found': 'Uw gegevens bij deze school zijn niet (meer) gevonden. Log opnieuw in of vraag de school om hulp.',
  'sso.actor_not_allowed': 'Met dit account kunt u geen lesmethode openen. Log in als leerling of als medewerker van de school.',
  'sso.publisher_not_found': 'Uitgeverij {publisher} is niet gevonden.',
  'sso.profile_invalid': 'Het profiel "{profile}" is onbekend: kies minimal, standard of with_eck.',
  'sso.client_uri_invalid': 'Het adres "{uri}" is ongeldig: gebruik een volledig https-adres zonder #-deel (http alleen voor localhost of buiten productie).',
  'sso.client_redirect_required': 'Geef minstens één redirect-URI op.',
  'sso.client_hosts_differ': 'Alle redirect-URI\'s van één client moeten op dezelfde host staan (de pseudoniemen zijn per uitgeverij). Maak voor een andere host een tweede client aan.',
  'sso.key_not_found': 'Sleutel {kid} is niet gevonden of al ingetrokken.',
  'sso.key_active': 'Sleutel {kid} ondertekent nog: roteer eerst (leerpoort keys rotate), trek daarna de oude sleutel in.',
  'sso.interaction_expired': 'Deze inlogpoging is verlopen. Ga terug naar de lesmethode en open haar opnieuw.',
} as const;

export const ssoStatus: Record<keyof typeof ssoMessages, number> = {
  'sso.eckid_missing': 403,
  'sso.person_not_found': 403,
  'sso.actor_not_allowed': 403,
  'sso.publisher_not_found': 404,
  'sso.profile_invalid': 400,
  'sso.client_uri_invalid': 400,
  'sso.client_redirect_required': 400,
  'sso.client_hosts_differ': 400,
  'sso.key_not_found': 404,
  'sso.key_active': 409,
  'sso.interaction_expired': 410,
};
