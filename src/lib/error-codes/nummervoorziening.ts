/**
 * Error codes of nummervoorziening: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 * Each code also has a retry policy (eckid/nummervoorziening/faults.ts); the texts say what
 * Leerpoort does next, so a school knows whether to wait or to act.
 */
export const nummervoorzieningMessages = {
  'nummervoorziening.invalid_input': 'De Nummervoorziening weigert de gegevens: {detail} Opnieuw proberen helpt niet; controleer het BSN of onderwijsnummer en de hPGN-berekening.',
  'nummervoorziening.unknown_chain': 'De Nummervoorziening kent deze keten niet ({detail}). Kies een keten die de Nummervoorziening noemt (retrieveChains).',
  'nummervoorziening.unknown_sector': 'De Nummervoorziening kent deze sector niet ({detail}). Kies een sector die de Nummervoorziening noemt (retrieveSectors).',
  'nummervoorziening.temporarily_blocked': 'De Nummervoorziening blokkeert verzoeken van deze organisatie tijdelijk. Leerpoort probeert het over {minutes} minuten opnieuw.',
  'nummervoorziening.daily_batch_limit': 'Het maximale aantal batches per dag bij de Nummervoorziening is bereikt. Leerpoort probeert het morgen opnieuw (vanaf {retryAt}).',
  'nummervoorziening.batch_not_finished': 'De Nummervoorziening is nog bezig met batch {batch}. Leerpoort vraagt het over {seconds} seconden opnieuw.',
  'nummervoorziening.batch_already_retrieved': 'Batch {batch} is al eerder opgehaald; de Nummervoorziening geeft het resultaat maar één keer. Dien de aanvraag opnieuw in.',
  'nummervoorziening.batch_unknown': 'De Nummervoorziening kent batch {batch} niet (verlopen of nooit ingediend). Dien de aanvraag opnieuw in.',
  'nummervoorziening.replacement_conflict': 'De Nummervoorziening kan het stampseudoniem niet vervangen: {detail}',
  'nummervoorziening.not_authorized': 'De Nummervoorziening laat organisatie met OIN {oin} niet toe. Het bestuur moet een aansluiting bij de Nummervoorziening (Kennisnet) hebben, met dit OIN en het bijbehorende certificaat.',
  'nummervoorziening.addressing': 'De Nummervoorziening weigert het bericht om de WS-Addressing-kopregels: {detail}',
  'nummervoorziening.server_error': 'De Nummervoorziening meldt een storing ({detail}). Leerpoort probeert het over {minutes} minuten opnieuw.',
  'nummervoorziening.unreachable': 'De Nummervoorziening is niet bereikbaar ({detail}). Leerpoort probeert het over {minutes} minuten opnieuw.',
  'nummervoorziening.tls_refused': 'De beveiligde verbinding met de Nummervoorziening is mislukt ({detail}). Controleer het certificaat, de sleutel en de CA (NUMMERVOORZIENING_CERT, _KEY, _CA).',
  'nummervoorziening.invalid_response': 'De Nummervoorziening gaf een onverwacht antwoord ({detail}). Leerpoort probeert het over {minutes} minuten opnieuw.',
  'nummervoorziening.invalid_oin': 'Het OIN "{oin}" is ongeldig: een OIN (Organisatie-identificatienummer) bestaat uit 20 cijfers.',
  'nummervoorziening.not_configured': 'De Nummervoorziening is niet ingesteld: zet NUMMERVOORZIENING_URL en NUMMERVOORZIENING_OIN (en het certificaat) in de configuratie.',
} as const;

export const nummervoorzieningStatus: Record<keyof typeof nummervoorzieningMessages, number> = {
  'nummervoorziening.invalid_input': 422,
  'nummervoorziening.unknown_chain': 422,
  'nummervoorziening.unknown_sector': 422,
  'nummervoorziening.temporarily_blocked': 503,
  'nummervoorziening.daily_batch_limit': 429,
  'nummervoorziening.batch_not_finished': 409,
  'nummervoorziening.batch_already_retrieved': 410,
  'nummervoorziening.batch_unknown': 404,
  'nummervoorziening.replacement_conflict': 409,
  'nummervoorziening.not_authorized': 403,
  'nummervoorziening.addressing': 502,
  'nummervoorziening.server_error': 502,
  'nummervoorziening.unreachable': 503,
  'nummervoorziening.tls_refused': 502,
  'nummervoorziening.invalid_response': 502,
  'nummervoorziening.invalid_oin': 400,
  'nummervoorziening.not_configured': 503,
};
