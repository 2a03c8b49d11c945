/**
 * Error codes of the catalogue capability: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const catalogueMessages = {
  'catalogue.invalid_slug': 'De korte naam "{slug}" is ongeldig: gebruik 2 tot 40 kleine letters, cijfers en streepjes, beginnend met een letter.',
  'catalogue.invalid_name': 'Vul een naam in van hoogstens 200 tekens.',
  'catalogue.invalid_code': 'De code "{code}" is ongeldig: gebruik 1 tot 60 letters, cijfers, punten, streepjes of lage streepjes.',
  'catalogue.invalid_url': 'Het adres "{url}" is ongeldig: gebruik een volledig https-adres (http alleen voor localhost).',
  'catalogue.invalid_protocol': 'Het protocol "{protocol}" is onbekend: kies oidc of saml.',
  'catalogue.invalid_tag': 'Het label "{tag}" is onbekend: kies leerkrachtApplicatie of toetsApplicatie.',
  'catalogue.saml_entity_id_required': 'Een SAML-product heeft de entityID van de uitgeverij nodig (--saml-entity-id).',
  'catalogue.publisher_exists': 'Er bestaat al een uitgeverij met de korte naam {slug}.',
  'catalogue.publisher_not_found': 'Uitgeverij {publisher} is niet gevonden.',
  'catalogue.product_exists': 'Uitgeverij {publisher} heeft al een product met code {code}.',
  'catalogue.product_not_found': 'Product {product} is niet gevonden.',
  'catalogue.school_not_found': 'School {school} is niet gevonden.',
  'catalogue.invalid_school_year': 'Het schooljaar "{schoolYear}" is ongeldig: schrijf het als 2026-2027.',
  'catalogue.invalid_licence_holder': 'Kies precies één licentiehouder: de hele school, een groep, een leerling, een medewerker of een ECK iD.',
  'catalogue.licence_holder_not_found': 'De licentiehouder ({holder}) is bij deze school niet gevonden.',
  'catalogue.licence_not_found': 'Licentie {licence} is niet gevonden of al ingetrokken.',
  'catalogue.shortcut_target_refused': 'Deze snelkoppeling gaat naar een adres dat geen uitgeverij bij Leerpoort heeft aangemeld. Om u te beschermen sturen we u daar niet naartoe. Vraag de school of de uitgeverij om een juiste snelkoppeling.',
  'catalogue.shortcut_school_not_found': 'De school uit deze snelkoppeling is niet gevonden. Vraag de school om een juiste snelkoppeling.',
} as const;

export const catalogueStatus: Record<keyof typeof catalogueMessages, number> = {
  'catalogue.invalid_slug': 400,
  'catalogue.invalid_name': 400,
  'catalogue.invalid_code': 400,
  'catalogue.invalid_url': 400,
  'catalogue.invalid_protocol': 400,
  'catalogue.invalid_tag': 400,
  'catalogue.saml_entity_id_required': 400,
  'catalogue.publisher_exists': 409,
  'catalogue.publisher_not_found': 404,
  'catalogue.product_exists': 409,
  'catalogue.product_not_found': 404,
  'catalogue.school_not_found': 404,
  'catalogue.invalid_school_year': 400,
  'catalogue.invalid_licence_holder': 400,
  'catalogue.licence_holder_not_found': 404,
  'catalogue.licence_not_found': 404,
  'catalogue.shortcut_target_refused': 400,
  'catalogue.shortcut_school_not_found': 404,
};
