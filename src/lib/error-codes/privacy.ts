/**
 * Error codes of the privacy capability: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts. A refused launch says who
 * can fix it: the board (agreement) or the school's ICT-coördinator (consent).
 */
export const privacyMessages = {
  'privacy.no_agreement': 'Deze lesmethode van {publisher} kan nu niet worden geopend: het schoolbestuur heeft met deze uitgeverij geen geldige verwerkersovereenkomst. Het bestuur moet die eerst afsluiten; vraag het aan de ICT-coördinator of directeur van uw school.',
  'privacy.no_consent': 'Deze lesmethode van {publisher} kan nu niet worden geopend: de school heeft nog geen toestemming gegeven om gegevens met deze uitgeverij te delen. De ICT-coördinator van de school kan de uitgeverij aanvinken onder "Uitgeverijen".',
  'privacy.publisher_not_found': 'Er is geen uitgeverij "{publisher}".',
  'privacy.invalid_profile': 'Onbekend deelprofiel "{profile}": kies minimal, standard of with_eck.',
  'privacy.invalid_reference': 'Het kenmerk van de overeenkomst is te lang (hoogstens 200 tekens) of bevat ongeldige tekens.',
  'privacy.invalid_date': 'De datum "{date}" is ongeldig: gebruik JJJJ-MM-DD.',
  'privacy.agreement_not_found': 'Er is geen lopende verwerkersovereenkomst tussen bestuur {board} en uitgeverij {publisher}.',
  'privacy.consent_not_allowed': 'Alleen de ICT-coördinator van de school (of een bestuursbeheerder van het bestuur) kan de toestemming per uitgeverij wijzigen.',
  'privacy.receipt_not_found': 'Dit ontvangstbewijs bestaat niet (bij deze school).',
  'privacy.invalid_disclosure': 'Een verstrekking kon niet worden vastgelegd: {detail}',
  'privacy.ledger_broken': 'De verstrekkingenlog is niet intact. Eerste afwijking bij volgnummer {seq}: {reason}',
  'privacy.receipt_broken': 'Ontvangstbewijs {number} is gewijzigd: de controlewaarde klopt niet meer.',
} as const;

export const privacyStatus: Record<keyof typeof privacyMessages, number> = {
  'privacy.no_agreement': 403,
  'privacy.no_consent': 403,
  'privacy.publisher_not_found': 404,
  'privacy.invalid_profile': 400,
  'privacy.invalid_reference': 400,
  'privacy.invalid_date': 400,
  'privacy.agreement_not_found': 404,
  'privacy.consent_not_allowed': 403,
  'privacy.receipt_not_found': 404,
  'privacy.invalid_disclosure': 500,
  'privacy.ledger_broken': 500,
  'privacy.receipt_broken': 500,
};
