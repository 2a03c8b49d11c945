/**
 * Error codes of saml (the SAML IdP and the launch route `/starten/…`): Dutch text for people
 * and HTTP status, side by side. Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 * A refused SAML message is shown to the person (the browser brought it); it is never sent back
 * to an SP we could not trust.
 */
export const samlMessages = {
  'saml.message_invalid': 'Het inlogverzoek van de lesmethode is ongeldig ({reason}). Probeer het opnieuw vanuit de lesmethode; blijft dit gebeuren, meld het dan bij de uitgeverij.',
  'saml.unknown_sp': 'Deze lesmethode is niet bij Leerpoort aangemeld ({entityId}). De uitgeverij kan dit met de beheerder van Leerpoort regelen.',
  'saml.signature_missing': 'Het inlogverzoek van de lesmethode is niet ondertekend, terwijl dat voor deze lesmethode verplicht is. Meld dit bij de uitgeverij.',
  'saml.signature_invalid': 'De ondertekening van het inlogverzoek klopt niet: het verzoek is onderweg veranderd of niet door de lesmethode gemaakt. Probeer het opnieuw vanuit de lesmethode.',
  'saml.request_replayed': 'Dit inlogverzoek is al eens gebruikt. Start het inloggen opnieuw vanuit de lesmethode.',
  'saml.request_stale': 'Dit inlogverzoek is te oud of komt uit de toekomst. Start het inloggen opnieuw vanuit de lesmethode (en controleer de klok van de server van de uitgeverij).',
  'saml.acs_not_registered': 'De lesmethode vraagt het antwoord naar een adres dat niet bij Leerpoort is aangemeld ({url}). Leerpoort stuurt het daarom niet. Meld dit bij de uitgeverij.',
  'saml.pending_expired': 'Het inloggen bij de lesmethode duurde te lang of is al afgerond. Start opnieuw vanuit de lesmethode of vanuit Mijn lesmateriaal.',
  'saml.logout_chain_expired': 'U bent uitgelogd bij Leerpoort. Het afmelden bij de lesmethodes duurde te lang of is al afgerond; sluit de browser als u het apparaat aan een ander geeft.',
  'saml.metadata_invalid': 'De SAML-metadata van de lesmethode zijn niet te gebruiken: {reason}',
  'saml.sp_exists': 'Er is al een lesmethode aangemeld met entityID {entityId}.',
  'saml.sp_not_found': 'Er is geen lesmethode aangemeld met entityID {entityId}.',
  'saml.publisher_not_found': 'Er is geen uitgeverij met de code {slug}.',
  'saml.invalid_profile': 'Onbekend gegevensprofiel "{profile}". Kies minimal, standard of with_eck.',
  'saml.choose_school': 'Kies eerst voor welke school u inlogt.',
  'saml.launch_product_unknown': 'Deze lesmethode bestaat niet (meer) in Leerpoort. Ga terug naar Mijn lesmateriaal.',
  'saml.launch_not_licensed': 'U heeft (nog) geen licentie voor {product}. De ICT-coördinator van uw school kan de licentie regelen bij de uitgeverij of de leverancier.',
  'saml.launch_not_for_you': 'Alleen leerlingen en medewerkers van een school kunnen een lesmethode starten.',
  'saml.launch_sp_missing': 'De lesmethode {product} is nog niet klaar voor inloggen via Leerpoort (de SAML-koppeling ontbreekt). De uitgeverij kan dit met de beheerder van Leerpoort regelen.',
} as const;

export const samlStatus: Record<keyof typeof samlMessages, number> = {
  'saml.message_invalid': 400,
  'saml.unknown_sp': 400,
  'saml.signature_missing': 400,
  'saml.signature_invalid': 400,
  'saml.request_replayed': 400,
  'saml.request_stale': 400,
  'saml.acs_not_registered': 400,
  'saml.pending_expired': 400,
  'saml.logout_chain_expired': 400,
  'saml.metadata_invalid': 400,
  'saml.sp_exists': 409,
  'saml.sp_not_found': 404,
  'saml.publisher_not_found': 404,
  'saml.invalid_profile': 400,
  'saml.choose_school': 400,
  'saml.launch_product_unknown': 404,
  'saml.launch_not_licensed': 403,
  'saml.launch_not_for_you': 403,
  'saml.launch_sp_missing': 409,
};
