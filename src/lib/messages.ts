/**
 * Dutch texts for people, keyed by stable codes. Error texts say what happened and what
 * to do, in the words a school uses. `{name}` placeholders are filled by `formatMessage`.
 */
import { catalogueMessages } from './error-codes/catalogue.js';
import { eckidMessages } from './error-codes/eckid.js';
import { privacyMessages } from './error-codes/privacy.js';
import { ssoMessages } from './error-codes/sso.js';
import { samlMessages } from './error-codes/saml.js';
import { nummervoorzieningMessages } from './error-codes/nummervoorziening.js';
import { eckidReadinessMessages } from './error-codes/eckid-readiness.js';
import { secretsMessages } from './error-codes/secrets.js';

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
  'server.workers_need_postgres': 'Meerdere serverprocessen (--workers {workers}) kunnen alleen met PostgreSQL (DATABASE_URL=postgres://…): de ingebouwde SQLite-database is voor één proces. Start zonder --workers, of zet DATABASE_URL op een PostgreSQL-database.',
  'database.unavailable': 'De database is niet bereikbaar: {reason}. Controleer DATABASE_URL.',
  'service.unavailable': 'Leerpoort is heel even niet bereikbaar. Wacht een paar tellen en probeer het dan opnieuw.',
  'staff.login_failed': 'Het e-mailadres of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw.',
  'staff.throttled': 'Er is te vaak een verkeerd wachtwoord of een verkeerde code ingevuld. Wacht een kwartier en probeer het dan opnieuw.',
  'staff.link_invalid': 'Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.',
  'staff.password_rejected': 'Kies een ander wachtwoord: {reason}',
  'staff.invalid_email': 'Vul een geldig e-mailadres in, zoals naam@school.nl.',
  'staff.invalid_name': 'Vul een naam in van 1 tot {max} tekens.',
  'staff.invalid_role': 'Deze rol kan hier niet worden toegekend.',
  'staff.totp_invalid': 'De code klopt niet. Vul de zescijferige code in die uw authenticator-app nu toont.',
  'staff.totp_not_available': 'Tweestapsverificatie is er voor ICT-coördinatoren en bestuursbeheerders.',
  'staff.account_not_found': 'Dit account bestaat niet (meer).',
  'staff.status_forbidden': 'U kunt dit account niet uit- of inschakelen: het hoort (ook) bij een school of bestuur dat u niet beheert, of het is uw eigen account. De beheerder van het platform kan het wel.',
  'pupils.not_found': 'Deze leerling bestaat niet (meer) in deze school.',
  'pupils.invalid_picture': 'Kies een leerlingplaatje uit de lijst.',
  'pupils.invalid_ranges': 'Deze adressen zijn geen geldig IP-adres of IP-bereik (CIDR): {ranges}. Er is niets gewijzigd.',
  'pupils.ip_token_invalid': 'De IP-sleutel ontbreekt of klopt niet voor deze school.',
  'pupils.invalid_address': 'Het adres "{address}" is geen geldig IPv4- of IPv6-adres. Er is niets gewijzigd.',
  'parents.child_name_missing': 'Vul de roepnaam van uw kind in.',
  'parents.child_not_found': 'Deze combinatie van school, roepnaam en pincode kennen we niet. Controleer de gegevens van school en probeer het opnieuw.',
  'parents.child_locked': 'Er is te vaak een verkeerde pincode ingevuld. Probeer het over een paar minuten opnieuw, of vraag de school om hulp.',
  'parents.home_login_off': 'De thuisinlog staat voor dit kind niet aan. De school kan de thuisinlog aanzetten; vraag de leerkracht of de ICT-coördinator ernaar.',
  'parents.child_not_linked': 'Dit kind is niet (meer) aan uw thuisinlog gekoppeld.',
  'parents.account_not_found': 'Deze thuisinlog bestaat niet (meer).',
  'mail.invalid_address': 'Het e-mailadres "{address}" is ongeldig. Gebruik één adres zoals naam@school.nl.',
  'mail.send_failed': 'Het e-mailbericht kon niet worden verstuurd. Probeer het later opnieuw; lukt het dan nog niet, vraag de beheerder om de mailinstellingen te controleren.',
  'substitutes.invalid_period': 'Vul een geldige periode in: de einddatum ligt op of na de begindatum, en niet in het verleden.',
  'substitutes.period_too_long': 'Een invalperiode duurt hoogstens {max} dagen. Kies een kortere periode; daarna kunt u een nieuwe periode toevoegen.',
  'substitutes.no_groups': 'Kies minstens één groep, of de invalgroep.',
  'substitutes.no_invalgroep': 'Deze school heeft nog geen invalgroep. De ICT-coördinator kan een groep als invalgroep aanwijzen.',
  'substitutes.not_found': 'Deze invaltoegang bestaat niet (meer).',
  ...catalogueMessages,
  ...privacyMessages,
  ...ssoMessages,
  ...eckidMessages,
  ...samlMessages,
  ...nummervoorzieningMessages,
  ...eckidReadinessMessages,
  ...secretsMessages,
} as const;

export type ErrorCode = keyof typeof errorMessages;
