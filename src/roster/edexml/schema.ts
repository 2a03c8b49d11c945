/**
 * EDEXML 2.1 as element declarations, transcribed from EDEXML.structuur.xsd and
 * EDEXML.elementen.xsd (2016-12-07): the same sequences, choices and occurrences, the same
 * simple types. EDEXML 2.0 is the same structure without the eckid attributes, so one schema
 * reads both. Captures mark what the roster keeps; everything else is checked and dropped.
 */
import { choice, ContentModel, el, seq, type Occurs, type Particle } from './content-model.js';
import { edexLandCodes } from './land-codes.js';
import type { AttributeDecl, Capture, ComplexContent, ElementDecl } from './schema-types.js';
import {
  anyString, date, dateTime, gender, oneOf, patterned, schoolYear, stringOfLength, type SimpleType,
} from './simple-types.js';

const OPTIONAL: Occurs = { optional: true };
const REPEATS: Occurs = { repeats: true };

const string32 = stringOfLength(1, 32);
const string64 = stringOfLength(1, 64);
const string128 = stringOfLength(1, 128);
const string256 = stringOfLength(1, 256);
const keyType = stringOfLength(1, 256); // EDEXKeyType
const sensitive = { sensitive: true };

const jaargroep = oneOf(['B', 'D', '0', '1', '2', '3', '4', '5', '6', '7', '8', '11', '12', '13', '14', '15', '16', 'S', 'V', 'C', 'N', 'H']);
const rol = oneOf(['ADJ', 'ADM', 'CON', 'DIR', 'ICT', 'IB', 'KLA', 'LRK', 'LOS', 'LOC', 'OWA', 'OUD', 'RT', 'SMW', 'STA', 'TAL', 'VAK']);
const land = oneOf(edexLandCodes, 'een landcode uit de EDEXML-lijst (bijvoorbeeld NL, of ? voor onbekend)');

function simple(name: string, type: SimpleType, capture?: Capture): ElementDecl {
  return { name, content: { kind: 'simple', type }, capture };
}

const noAttributes = new Map<string, AttributeDecl>();
const keyAttribute = new Map<string, AttributeDecl>([['key', { type: keyType, required: true }]]);
const personAttributes = new Map<string, AttributeDecl>([
  ['key', { type: keyType, required: true }],
  ['eckid', { type: stringOfLength(1, 256, sensitive), required: false }],
]);

function complexContent(particle: Particle<ElementDecl> | null, attributes = noAttributes): ComplexContent {
  const requiredAttributes = [...attributes].filter(([, declared]) => declared.required).map(([name]) => name);
  return { kind: 'complex', model: particle === null ? null : ContentModel.compile(particle), attributes, requiredAttributes };
}

function complex(name: string, particle: Particle<ElementDecl> | null, attributes = noAttributes, capture?: Capture): ElementDecl {
  return { name, content: complexContent(particle, attributes), capture };
}

// <toevoegingen>: blocks of the abstract ToevoegingsBlokType, typed with xsi:type.
const blokBase = [el(simple('code', string64)), el(simple('omschrijving', anyString), OPTIONAL)];
const unknownBlok: ComplexContent = { ...complexContent(seq(blokBase)), openTail: true };
const yesNo = oneOf(['ja', 'nee']);
// Leerpoort's own blocks (the manual's "partijspecifieke toevoegingen", Bijlage 1), defined in
// src/eckid/readiness/EDEXML.structuur.leerpoort.xsd: the LAS's ECK status of a school and a pupil.
const eckSchoolBlok = complexContent(seq([
  ...blokBase,
  el(simple('las_product', string64, { to: 'eckSchool', field: 'lasProduct' }), OPTIONAL),
  el(simple('eckid_opdracht', yesNo, { to: 'eckSchool', field: 'eckidInstruction' }), OPTIONAL),
  el(simple('schoolsoort_bekostigd', yesNo, { to: 'eckSchool', field: 'fundedSchoolType' }), OPTIONAL),
]));
const eckPupilBlok = complexContent(seq([
  ...blokBase,
  el(simple('inschrijvingsstatus', oneOf(['aangemeld', 'ingeschreven']), { to: 'eckPupil', field: 'enrolment' }), OPTIONAL),
  el(simple('bekostigd', yesNo, { to: 'eckPupil', field: 'funded' }), OPTIONAL),
  el(simple('duo_uitwisseling', oneOf(['niet_uitgewisseld', 'uitgewisseld', 'terugkoppeling_opgehaald', 'fout']), { to: 'eckPupil', field: 'duoExchange' }), OPTIONAL),
  el(simple('duo_melding', stringOfLength(1, 1000), { to: 'eckPupil', field: 'duoMessage' }), OPTIONAL),
]));
const blok: ElementDecl = {
  name: 'blok',
  content: {
    ...unknownBlok,
    extension: {
      // OpmerkingGegevensType is defined in EDEXML.structuur.xsd itself.
      known: new Map([
        ['OpmerkingGegevensType', complexContent(seq([...blokBase, el(simple('opmerking', anyString))]))],
        ['LeerpoortEckSchoolType', eckSchoolBlok],
        ['LeerpoortEckLeerlingType', eckPupilBlok],
      ]),
      abstractName: 'ToevoegingsBlokType',
      unknown: unknownBlok,
    },
  },
};
const toevoegingen = complex('toevoegingen', el(blok, REPEATS));
const mutatiedatum = simple('mutatiedatum', dateTime);

const schoolkey = simple('schoolkey', keyType, { to: 'school', field: 'schoolkey' });
const school = complex('school', seq([
  el(simple('schooljaar', schoolYear, { to: 'school', field: 'schoolYear' })),
  el(simple('peildatum', date), OPTIONAL),
  choice([
    seq([
      // Stricter than the XSD's \p{Nd}\p{Lu}: a BRIN is ASCII digits and capitals.
      el(simple('brincode', patterned('[0-9]{2}[A-Z]{2}', 'twee cijfers en twee hoofdletters (bijvoorbeeld 12AB)'), { to: 'school', field: 'brin' })),
      el(simple('dependancecode', patterned('[0-9]{2}', 'twee cijfers (bijvoorbeeld 00 of 01)'), { to: 'school', field: 'locationCode' }), OPTIONAL),
      el(schoolkey, OPTIONAL),
    ]),
    seq([
      el(simple('instellingsnummer', patterned('\\p{Nd}{2,6}', 'een Vlaams instellingsnummer van 2 tot 6 cijfers'), { to: 'school', field: 'instellingsnummer' })),
      el(schoolkey, OPTIONAL),
    ]),
    el(schoolkey, OPTIONAL),
  ]),
  el(simple('aanmaakdatum', dateTime, { to: 'school', field: 'createdAt' }), OPTIONAL),
  el(simple('auteur', string128), OPTIONAL),
  el(simple('xsdversie', string32, { to: 'school', field: 'xsdVersion' }), OPTIONAL),
  el(simple('commentaar', anyString), OPTIONAL),
  el(toevoegingen, OPTIONAL),
]));

const vestiging = complex('vestiging', seq([
  el(simple('naam', string64, { to: 'location', field: 'name' })),
  el(simple('omschrijving', string256, { to: 'location', field: 'description' }), OPTIONAL),
  el(mutatiedatum, OPTIONAL),
]), keyAttribute, { to: 'record', record: 'location' });

const groupName = simple('naam', string64, { to: 'group', field: 'name' });
const groupDescription = simple('omschrijving', string256, { to: 'group', field: 'description' });
const groep = complex('groep', seq([
  el(groupName),
  el(simple('jaargroep', jaargroep, { to: 'group', field: 'yearGroup' })),
  el(groupDescription, OPTIONAL),
  el(toevoegingen, OPTIONAL),
  el(mutatiedatum, OPTIONAL),
]), keyAttribute, { to: 'record', record: 'group' });
const samengesteldeGroep = complex('samengestelde_groep', seq([
  el(groupName),
  el(groupDescription, OPTIONAL),
  el(toevoegingen, OPTIONAL),
  el(mutatiedatum, OPTIONAL),
]), keyAttribute, { to: 'record', record: 'subgroup' });

/** The name choice of LeerlingType and LeerkrachtType: achternaam (and more), or only roepnaam. */
function personName(): Particle<ElementDecl> {
  const roepnaam = simple('roepnaam', string64, { to: 'person', field: 'nickname' });
  return choice([
    seq([
      el(simple('achternaam', stringOfLength(1, 200), { to: 'person', field: 'lastName' })),
      el(simple('voorvoegsel', stringOfLength(1, 10), { to: 'person', field: 'prefix' }), OPTIONAL),
      el(simple('voornamen', stringOfLength(1, 200), { to: 'person', field: 'firstNames' }), OPTIONAL),
      el(simple('voorletters-1', stringOfLength(1, 6), { to: 'person', field: 'initials' }), OPTIONAL),
      el(roepnaam, OPTIONAL),
    ]),
    el(roepnaam),
  ]);
}

const gebruikersnaam = simple('gebruikersnaam', stringOfLength(1, 64));
const reference = (name: string, target: 'group' | 'subgroup' | 'location', particle: Particle<ElementDecl> | null = null) =>
  complex(name, particle, keyAttribute, { to: 'reference', target });
const optionalChoice = (decls: ElementDecl[]) => choice(decls.map((decl) => el(decl)), OPTIONAL);

const leerling = complex('leerling', seq([
  personName(),
  el(simple('geboortedatum', date, { to: 'pupil', field: 'birthDate' }), OPTIONAL),
  el(simple('geslacht', gender, { to: 'pupil', field: 'gender' }), OPTIONAL),
  el(simple('start_ondw_jgr3', date), OPTIONAL),
  el(simple('jaargroep', jaargroep, { to: 'pupil', field: 'yearGroup' }), OPTIONAL),
  // maxOccurs 1: a pupil has at most one stamgroep.
  el(reference('groep', 'group'), OPTIONAL),
  el(complex('samengestelde_groepen', el(reference('samengestelde_groep', 'subgroup'), REPEATS)), OPTIONAL),
  el(reference('vestiging', 'location'), OPTIONAL),
  el(gebruikersnaam, OPTIONAL),
  el(simple('emailadres', string256), OPTIONAL),
  el(simple('fotourl', string256), OPTIONAL),
  el(simple('etniciteit', oneOf(['9', '0', '1'])), OPTIONAL),
  el(simple('land', land), OPTIONAL),
  el(simple('land_vader', land), OPTIONAL),
  el(simple('land_moeder', land), OPTIONAL),
  optionalChoice([
    simple('sofinummer', patterned('\\p{Nd}{9}', 'negen cijfers', sensitive), { to: 'pgn', kind: 'bsn' }),
    simple('bsn', patterned('\\p{Nd}{9}', 'negen cijfers', sensitive), { to: 'pgn', kind: 'bsn' }),
    simple('onderwijsnummer', patterned('\\p{Nd}{9}', 'negen cijfers', sensitive), { to: 'pgn', kind: 'onderwijsnummer' }),
    simple('bsn_ondwnr-4', patterned('\\p{Nd}{4}', 'vier cijfers', sensitive)),
    simple('rijksregisternummer', patterned('\\p{Nd}{11}', 'elf cijfers', sensitive)),
  ]),
  el(simple('gewicht_nieuw', oneOf(['?', '0', '0,3', '1,2'])), OPTIONAL),
  el(simple('gewicht', oneOf(['?', '0.00', '0.25', '0.40', '0.70', '0.90'])), OPTIONAL),
  optionalChoice([
    simple('postcodenl', patterned('\\p{Nd}{4}\\p{Lu}{2}', 'vier cijfers en twee hoofdletters zonder spatie (bijvoorbeeld 1234AB)', sensitive)),
    simple('postnummerbe', patterned('\\p{Nd}{4}', 'vier cijfers', sensitive)),
    simple('postcodeoverig', string32),
  ]),
  el(simple('instroomdatum', date), OPTIONAL),
  el(simple('uitstroomdatum', date), OPTIONAL),
  el(toevoegingen, OPTIONAL),
  el(mutatiedatum, OPTIONAL),
]), personAttributes, { to: 'record', record: 'pupil' });

/** Roles stand on the staff member and on each of their group links (LeerkrachtGroepReferentieType). */
const roles = choice([
  el(simple('rol', rol, { to: 'role' })),
  el(simple('rolomschrijving', stringOfLength(1, 64), { to: 'role' })),
], { optional: true, repeats: true });

const leerkracht = complex('leerkracht', seq([
  personName(),
  el(gebruikersnaam, OPTIONAL),
  el(simple('emailadres', string256, { to: 'staff', field: 'email' }), OPTIONAL),
  roles,
  el(complex('groepen', choice([
    el(reference('groep', 'group', roles)),
    el(reference('samengestelde_groep', 'subgroup', roles)),
  ], REPEATS)), OPTIONAL),
  el(toevoegingen, OPTIONAL),
  el(mutatiedatum, OPTIONAL),
]), personAttributes, { to: 'record', record: 'staff' });

/** The root element <EDEX> (EDEXType). */
export const edexRoot: ElementDecl = complex('EDEX', seq([
  el(school),
  el(complex('vestigingen', el(vestiging, REPEATS)), OPTIONAL),
  el(complex('groepen', choice([el(groep), el(samengesteldeGroep)], REPEATS)), OPTIONAL),
  el(complex('leerlingen', el(leerling, REPEATS))),
  el(complex('leerkrachten', el(leerkracht, REPEATS)), OPTIONAL),
]));
