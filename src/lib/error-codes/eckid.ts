/**
 * Error codes of the eckid capability: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const eckidMessages = {
  'eckid.hpgn_salt_missing': "De salt voor hPGN (ECKID_HPGN_SALT) is niet ingesteld, dus vraagt Leerpoort geen ECK iD's aan. De beheerder van Leerpoort zet de salt die de Nummervoorziening voor deze omgeving geeft.",
  'eckid.requests_not_possible': "Leerpoort kan voor deze school geen ECK iD's aanvragen: {reason}",
  'eckid.school_not_found': 'De school is niet gevonden.',
} as const;

export const eckidStatus: Record<keyof typeof eckidMessages, number> = {
  'eckid.hpgn_salt_missing': 503,
  'eckid.requests_not_possible': 409,
  'eckid.school_not_found': 404,
};
