/**
 * Error codes of the key rotation (`leerpoort secrets reseal`): Dutch text for people and
 * HTTP status, side by side. Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const secretsMessages = {
  'secrets.unreadable_values': 'Er gaan {count} versleutelde waarde(n) met geen van de ingestelde sleutels (SECRET_KEY, SECRET_KEY_PREVIOUS) open. Die zijn niet veranderd; de andere wel. Zet de sleutel waaronder ze versleuteld zijn in SECRET_KEY_PREVIOUS en voer het commando opnieuw uit, of maak ze opnieuw aan (tweestapsverificatie opnieuw instellen, inlogkaart opnieuw uitgeven, nieuw clientgeheim).',
} as const;

export const secretsStatus: Record<keyof typeof secretsMessages, number> = {
  'secrets.unreadable_values': 409,
};
