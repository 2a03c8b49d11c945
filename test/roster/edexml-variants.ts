/**
 * Small mutations of the official EDEXML.Voorbeeld.2.1.xml for the XSD cross-check: each
 * breaks (or, in validVariants, stretches without breaking) one rule of the schema.
 */
import type { EdexmlProblemCode } from '../../src/roster/edexml/index.js';
import { mutate } from './edexml-support.js';

export interface Variant {
  name: string;
  mutate: (xml: string) => string;
  /** The code the reader must report among its problems. */
  code: EdexmlProblemCode;
}

const replace = (from: string | RegExp, to: string) => (xml: string) => mutate(xml, from, to);
const both = (first: (xml: string) => string, second: (xml: string) => string) => (xml: string) => second(first(xml));

const WIMPIE_BIRTH = '<geboortedatum>2006-06-21</geboortedatum>\n\t\t\t<geslacht>1</geslacht>\n\t\t\t<start_ondw_jgr3>';
const LK1_ECKID = 'https://id.school/LK_abcdefghijklmnopqrstuvwxzABCDEFGHIJKLMNOPQRSTUVWXYZ123467890!@#$%^_-';
const LL1_ECKID = 'https://id.school/LL_123467890abcdefghijklmnopqrstuvwxzABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^_-';

export const brokenVariants: Variant[] = [
  // Order, required and unknown elements (the content models of EDEXML.elementen.xsd)
  { name: 'jaargroep before naam in a groep', code: 'edexml.unexpected_element',
    mutate: replace('<naam>Kabouters</naam>\n\t\t\t<jaargroep>0</jaargroep>', '<jaargroep>0</jaargroep>\n\t\t\t<naam>Kabouters</naam>') },
  { name: 'groep without naam', code: 'edexml.required_element', mutate: replace('<naam>Muizen</naam>\n\t\t\t', '') },
  { name: 'groep without jaargroep', code: 'edexml.required_element', mutate: replace('\n\t\t\t<jaargroep>0</jaargroep>', '') },
  { name: 'vestiging without naam', code: 'edexml.required_element', mutate: replace('\n\t\t\t<naam>Vestiging Bemmel</naam>', '') },
  { name: 'unknown element in a leerling', code: 'edexml.unexpected_element',
    mutate: replace('<geslacht>0</geslacht>\n\t\t\t<jaargroep>4</jaargroep>', '<geslacht>0</geslacht>\n\t\t\t<schoenmaat>31</schoenmaat>\n\t\t\t<jaargroep>4</jaargroep>') },
  { name: 'leerling without any name', code: 'edexml.required_element', mutate: replace('\n\t\t\t<roepnaam>Wimpie</roepnaam>', '') },
  { name: 'school without schooljaar', code: 'edexml.required_element', mutate: replace('\n\t\t<schooljaar>2014-2015</schooljaar>', '') },
  { name: 'no leerlingen element', code: 'edexml.required_element', mutate: replace(/\n\t<leerlingen>[\s\S]*<\/leerlingen>/, '') },
  { name: 'leerlingen without leerling', code: 'edexml.required_element', mutate: replace(/<leerlingen>[\s\S]*<\/leerlingen>/, '<leerlingen/>') },
  { name: 'two groep elements in one leerling', code: 'edexml.repeated_element',
    mutate: replace('<groep key="GRP4B"/>', '<groep key="GRP4B"/>\n\t\t\t<groep key="GRP4A"/>') },
  { name: 'bsn and onderwijsnummer together', code: 'edexml.unexpected_element',
    mutate: replace('<bsn>133456785</bsn>', '<bsn>133456785</bsn>\n\t\t\t<onderwijsnummer>123456789</onderwijsnummer>') },
  { name: 'rol after groepen in a leerkracht', code: 'edexml.unexpected_element',
    mutate: replace('<rol>TAL</rol>\n\t\t\t<groepen>\n\t\t\t\t<groep key="GRP4A"/>\n\t\t\t</groepen>', '<groepen>\n\t\t\t\t<groep key="GRP4A"/>\n\t\t\t</groepen>\n\t\t\t<rol>TAL</rol>') },
  { name: 'dependancecode without brincode', code: 'edexml.required_element', mutate: replace('\n\t\t<brincode>99ZZ</brincode>', '') },
  { name: 'root element is not EDEX', code: 'edexml.not_edexml', mutate: both(replace('<EDEX ', '<EDEXML '), replace('</EDEX>', '</EDEXML>')) },
  { name: 'text inside a leerling', code: 'edexml.unexpected_text', mutate: replace('<leerling key="00002">', '<leerling key="00002">los') },
  // Attributes
  { name: 'groep without key', code: 'edexml.required_attribute', mutate: replace('<groep key="003">', '<groep>') },
  { name: 'unknown attribute on a leerling', code: 'edexml.unexpected_attribute', mutate: replace('<leerling key="00002">', '<leerling key="00002" kleur="blauw">') },
  { name: 'xsi:nil on a leerling', code: 'edexml.unexpected_attribute', mutate: replace('<leerling key="00002">', '<leerling key="00002" xsi:nil="false">') },
  { name: 'empty eckid', code: 'edexml.invalid_value', mutate: replace('eckid="https://id.school/abcde"', 'eckid=""') },
  { name: 'blok without xsi:type', code: 'edexml.required_attribute',
    mutate: replace('<blok xsi:type="OpmerkingGegevensType">\n\t\t\t\t\t<code>Opmerking Y</code>', '<blok>\n\t\t\t\t\t<code>Opmerking Y</code>') },
  // Simple types (EDEXML.types.vast.xsd, EDEXML.types.variabel.xsd, xs:date)
  { name: 'BRIN of three characters', code: 'edexml.invalid_value', mutate: replace('<brincode>99ZZ</brincode>', '<brincode>9ZZ</brincode>') },
  { name: 'BRIN in lower case', code: 'edexml.invalid_value', mutate: replace('<brincode>99ZZ</brincode>', '<brincode>99zz</brincode>') },
  { name: 'dependancecode of one digit', code: 'edexml.invalid_value', mutate: replace('<dependancecode>00</dependancecode>', '<dependancecode>0</dependancecode>') },
  { name: 'geboortedatum 2023-02-30', code: 'edexml.invalid_value', mutate: replace(WIMPIE_BIRTH, WIMPIE_BIRTH.replace('2006-06-21', '2023-02-30')) },
  { name: 'peildatum 1900-02-29 (no leap year)', code: 'edexml.invalid_value', mutate: replace('<peildatum>2014-10-01</peildatum>', '<peildatum>1900-02-29</peildatum>') },
  { name: 'peildatum in year 0000', code: 'edexml.invalid_value', mutate: replace('<peildatum>2014-10-01</peildatum>', '<peildatum>0000-10-01</peildatum>') },
  { name: 'aanmaakdatum with a space for T', code: 'edexml.invalid_value', mutate: replace('2014-11-25T14:33:33', '2014-11-25 14:33:33') },
  { name: 'aanmaakdatum with second 60', code: 'edexml.invalid_value', mutate: replace('2014-11-25T14:33:33', '2014-11-25T14:33:60') },
  { name: 'jaargroep 9', code: 'edexml.invalid_value', mutate: replace('<jaargroep>H</jaargroep>', '<jaargroep>9</jaargroep>') },
  { name: 'geslacht 3', code: 'edexml.invalid_value', mutate: replace('<geslacht>0</geslacht>', '<geslacht>3</geslacht>') },
  { name: 'groep naam of 65 characters', code: 'edexml.invalid_value', mutate: replace('<naam>4A</naam>', `<naam>${'A'.repeat(65)}</naam>`) },
  { name: 'voorvoegsel of 13 characters', code: 'edexml.invalid_value', mutate: replace("<voorvoegsel>van 't</voorvoegsel>", "<voorvoegsel>van 't van de</voorvoegsel>") },
  { name: 'voorletters-1 of 7 characters', code: 'edexml.invalid_value', mutate: replace('<voorletters-1>UGH</voorletters-1>', '<voorletters-1>UGHIJKL</voorletters-1>') },
  { name: 'unknown rol code', code: 'edexml.invalid_value', mutate: replace('<rol>TAL</rol>', '<rol>JUF</rol>') },
  { name: 'bsn of eight digits', code: 'edexml.invalid_value', mutate: replace('<bsn>133456785</bsn>', '<bsn>13345678</bsn>') },
  { name: 'postcode with a space', code: 'edexml.invalid_value', mutate: replace('<postcodenl>6971VB</postcodenl>', '<postcodenl>6971 VB</postcodenl>') },
  { name: 'unknown land code', code: 'edexml.invalid_value', mutate: replace('<land>MA</land>', '<land>XX</land>') },
  { name: 'gewicht_nieuw with a decimal point', code: 'edexml.invalid_value', mutate: replace('<gewicht_nieuw>0,3</gewicht_nieuw>', '<gewicht_nieuw>0.3</gewicht_nieuw>') },
  { name: 'schooljaar that skips a year', code: 'edexml.invalid_value', mutate: replace('<schooljaar>2014-2015</schooljaar>', '<schooljaar>2014-2016</schooljaar>') },
  // Identity constraints (xs:key, xs:unique, xs:keyref in EDEXML.structuur.xsd)
  { name: 'two leerlingen with one key', code: 'edexml.duplicate_key', mutate: replace('<leerling key="12345">', '<leerling key="00002">') },
  { name: 'groep and samengestelde_groep with one key', code: 'edexml.duplicate_key',
    mutate: replace('<samengestelde_groep key="sg3">', '<samengestelde_groep key="001">') },
  { name: 'two vestigingen with one key', code: 'edexml.duplicate_key', mutate: replace('<vestiging key="VB">', '<vestiging key="VH">') },
  { name: 'two leerkrachten with one key', code: 'edexml.duplicate_key', mutate: replace('<leerkracht key="LK3">', '<leerkracht key="LK1">') },
  { name: 'two leerlingen with one eckid', code: 'edexml.duplicate_eckid', mutate: replace('<leerling key="00002">', `<leerling key="00002" eckid="${LL1_ECKID}">`) },
  { name: 'two leerkrachten with one eckid', code: 'edexml.duplicate_eckid', mutate: replace('eckid="https://id.school/abcde"', `eckid="${LK1_ECKID}"`) },
  { name: 'leerling in a groep that does not exist', code: 'edexml.unknown_reference', mutate: replace('<groep key="GRP4B"/>', '<groep key="GRP9"/>') },
  { name: 'leerling stamgroep pointing at a samengestelde groep', code: 'edexml.unknown_reference', mutate: replace('<groep key="GRP4B"/>', '<groep key="sg1"/>') },
  { name: 'leerling in a samengestelde groep that does not exist', code: 'edexml.unknown_reference',
    mutate: replace('<samengestelde_groep key="sg2"/>\n\t\t\t</samengestelde_groepen>', '<samengestelde_groep key="sg9"/>\n\t\t\t</samengestelde_groepen>') },
  { name: 'leerling at a vestiging that does not exist', code: 'edexml.unknown_reference', mutate: replace('<vestiging key="VH"/>', '<vestiging key="VX"/>') },
  { name: 'leerkracht in a groep that does not exist', code: 'edexml.unknown_reference', mutate: replace('<groep key="002"/>', '<groep key="999"/>') },
];

/** Unusual but valid: the XSD accepts them, and so must we. */
export const validVariants: Omit<Variant, 'code'>[] = [
  { name: 'geboortedatum with a time zone', mutate: replace(WIMPIE_BIRTH, WIMPIE_BIRTH.replace('2006-06-21', '2006-06-21Z')) },
  { name: 'aanmaakdatum with fractions and +14:00', mutate: replace('2014-11-25T14:33:33', '2014-11-25T14:33:33.123+14:00') },
  { name: 'aanmaakdatum at 24:00:00', mutate: replace('2014-11-25T14:33:33', '2014-11-25T24:00:00') },
  { name: 'peildatum on 29 February 2000', mutate: replace('<peildatum>2014-10-01</peildatum>', '<peildatum>2000-02-29</peildatum>') },
  { name: 'geslacht written as 01 with spaces', mutate: replace('<geslacht>0</geslacht>', '<geslacht> 01 </geslacht>') },
  { name: 'no dependancecode', mutate: replace('\n\t\t<dependancecode>00</dependancecode>', '') },
  { name: 'school without brincode or instellingsnummer',
    mutate: replace('\n\t\t<brincode>99ZZ</brincode>\n\t\t<dependancecode>00</dependancecode>', '') },
  { name: 'leerkracht with only achternaam', mutate: replace('\n\t\t\t<voorletters-1>UGH</voorletters-1>\n\t\t\t<roepnaam>Uilke</roepnaam>', '') },
  { name: 'groep naam of one space', mutate: replace('<naam>4A</naam>', '<naam> </naam>') },
  { name: 'no leerkrachten, vestigingen or groepen',
    mutate: (xml) => mutate(mutate(mutate(xml, /\n\t<leerkrachten>[\s\S]*<\/leerkrachten>/, ''), /\n\t<vestigingen>[\s\S]*<\/vestigingen>/, ''), /\n\t<groepen>[\s\S]*<\/groepen>/, '')
      .replace(/\n\t\t\t<groep key="GRP4B"\/>\n\t\t\t<samengestelde_groepen>[\s\S]*?<\/samengestelde_groepen>/, '')
      .replace(/\n\t\t\t<vestiging key="V[HB]"\/>/g, '') },
];
