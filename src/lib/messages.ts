/**
 * Dutch texts for people, keyed by stable codes. Error texts say what happened and what
 * to do, in the words a school uses. `{name}` placeholders are filled by `formatMessage`.
 */
export const errorMessages = {
  'request.invalid': 'Het verzoek is niet volledig of niet juist: {detail}',
  'request.too_large': 'Het bestand is te groot. Het maximum is {limit}.',
  'request.unsupported_media_type': 'Dit soort inhoud ({type}) wordt hier niet aangenomen. Toegestaan: {accepted}.',
  'internal': 'Er ging iets mis aan onze kant. Probeer het later opnieuw; neem contact op met de beheerder als het blijft misgaan.',
  'auth.required': 'Log eerst in om deze pagina te gebruiken.',
  'auth.forbidden': 'U hebt geen toegang tot deze school of functie.',
  'auth.link_invalid': 'Deze inloglink is ongeldig, al gebruikt of verlopen. Vraag de beheerder om een nieuwe link.',
  'csrf.invalid': 'Het formulier is verlopen of niet vanaf deze site verstuurd. Laad de pagina opnieuw en probeer het nog eens.',
  'not_found': 'Deze pagina bestaat niet.',
  'organisations.board_exists': 'Er bestaat al een bestuur met bestuursnummer {number}.',
  'organisations.board_not_found': 'Er is geen bestuur met bestuursnummer {number}.',
  'organisations.school_exists': 'Er bestaat al een school met BRIN {brin} en dependancecode {locationCode}.',
  'organisations.school_not_found': 'Er is geen school met BRIN {brin} en dependancecode {locationCode}.',
  'organisations.invalid_brin': 'De BRIN-code "{brin}" is ongeldig: verwacht twee cijfers en twee hoofdletters, bijvoorbeeld 12AB.',
  'organisations.invalid_location_code': 'De dependancecode "{locationCode}" is ongeldig: verwacht twee cijfers, bijvoorbeeld 00.',
  'organisations.invalid_board_number': 'Het bestuursnummer "{number}" is ongeldig: verwacht alleen cijfers (1 tot 10).',
  'organisations.invalid_name': 'Vul een naam in van hoogstens {max} tekens.',
  'roster.file_refused': 'Het bestand is geweigerd: het bevat {count} fout(en). Er is niets gewijzigd.',
  'roster.school_not_found': 'Het bestand is voor school {brin}{locationCode}, maar die school bestaat niet in Leerpoort. Laat de school eerst aanmaken. Er is niets gewijzigd.',
  'roster.school_mismatch': 'Het bestand is voor school {fileSchool}, maar u importeert voor school {targetSchool}. Er is niets gewijzigd.',
  'roster.school_inactive': 'School {school} is niet meer actief (opgeheven of gefuseerd); er kan niet meer in worden geïmporteerd.',
  'roster.import_not_found': 'Deze import bestaat niet (meer).',
  'roster.import_not_pending': 'Deze import wacht niet (meer) op bevestiging; hij is {status}.',
  'roster.undo_not_possible': 'Deze import kan niet ongedaan worden gemaakt: {reason}',
  'roster.token_invalid': 'De LAS-sleutel ontbreekt, is onjuist of ingetrokken.',
  'roster.token_not_found': 'Deze LAS-sleutel bestaat niet.',
  'roster.apply_failed': 'Het toepassen van het bestand is mislukt door een storing; er is niets gewijzigd. Probeer het later opnieuw.',
  'cli.file_unreadable': 'Het bestand {file} kan niet worden gelezen: {reason}.',
  'cli.demo_reset_refused': 'Opnieuw beginnen met --reset kan alleen met de ingebouwde SQLite-database buiten productie ({reason}). Er is niets gewijzigd.',
  'cli.demo_in_production': 'Demogegevens horen niet in een productieomgeving (LEERPOORT_ENV=production). Er is niets gewijzigd.',
  'server.address_in_use': 'Poort {port} op {host} is al in gebruik (draait Leerpoort al?). Stop dat programma of kies een andere poort, bijvoorbeeld PORT=3001.',
  'server.address_unavailable': 'Leerpoort kan niet luisteren op adres {host}: dat adres hoort niet bij deze computer. Kies een ander adres met HOST=… (bijvoorbeeld 127.0.0.1 of 0.0.0.0).',
  'database.unavailable': 'De database is niet bereikbaar: {reason}. Controleer DATABASE_URL.',
} as const;

export type ErrorCode = keyof typeof errorMessages;
