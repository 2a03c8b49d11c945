/**
 * The simple types of the EDEXML 2.1 XSDs (EDEXML.types.vast.xsd, EDEXML.types.variabel.xsd and
 * the xs:date / xs:dateTime / xs:integer built-ins they use), as checks on element text.
 * `parse` answers the value to keep (or null when the value breaks the type); `explain` says in
 * Dutch what was expected, and is only called for a broken value.
 */
import { isXsDate, isXsDateTime } from './xs-dates.js';

export interface SimpleType {
  parse(raw: string): string | null;
  explain(raw: string): string;
  /** Never echo the value in a message (BSN and friends, ECK iD). */
  readonly sensitive?: boolean;
}

const isXmlWhitespace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** XML whitespace; xs:date, xs:dateTime and xs:integer collapse it, xs:string keeps it. */
function collapse(raw: string): string {
  // Nearly every value has none; the regular expression is for the rest.
  if (raw.length > 0 && !isXmlWhitespace(raw.charCodeAt(0)) && !isXmlWhitespace(raw.charCodeAt(raw.length - 1))) return raw;
  return raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** XSD lengths count characters, not UTF-16 code units. */
function charLength(value: string): number {
  let surrogatePairs = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) surrogatePairs++;
  }
  return value.length - surrogatePairs;
}

/** Any text: xs:string without facets (commentaar, opmerking, blok/omschrijving). */
export const anyString: SimpleType = {
  parse: (raw) => raw,
  explain: () => 'tekst',
};

/** EDEXString32Type … EDEXString256Type, EDEXKeyType, EDEXAchternaamType and the like. */
export function stringOfLength(min: number, max: number, options: { sensitive?: boolean } = {}): SimpleType {
  return {
    sensitive: options.sensitive,
    parse: (raw) => {
      // Code units bound the character count from above, so the exact count is rarely needed.
      if (raw.length >= min && raw.length <= max) return raw;
      const length = charLength(raw);
      return length >= min && length <= max ? raw : null;
    },
    explain: (raw) => {
      const length = charLength(raw);
      if (length < min) return length === 0 ? 'mag niet leeg zijn' : `moet minstens ${min} tekens lang zijn`;
      return `is ${length} tekens lang; maximaal ${max} tekens toegestaan`;
    },
  };
}

/** An xs:pattern facet; XSD patterns are anchored at both ends. */
export function patterned(pattern: string, expected: string, options: { sensitive?: boolean } = {}): SimpleType {
  const regex = new RegExp(`^(?:${pattern})$`, 'u');
  return {
    sensitive: options.sensitive,
    parse: (raw) => (regex.test(raw) ? raw : null),
    explain: () => `moet ${expected} zijn`,
  };
}

/** An enumeration over xs:string: compared exactly, whitespace included. */
export function oneOf(values: Iterable<string>, expected?: string): SimpleType {
  const allowed = new Set(values);
  const listed = expected ?? `een van ${[...allowed].map((v) => `'${v}'`).join(', ')}`;
  return {
    parse: (raw) => (allowed.has(raw) ? raw : null),
    explain: () => `moet ${listed} zijn`,
  };
}

/** EDEXGeslachtType: xs:integer, totalDigits 1, one of 0, 1, 2, 9 (NEN-ISO 5218). */
export const gender: SimpleType = {
  parse: (raw) => {
    if (raw === '0' || raw === '1' || raw === '2' || raw === '9') return raw; // as written nearly always
    const value = collapse(raw);
    if (!/^[+-]?[0-9]+$/.test(value)) return null;
    const number = Number(value);
    return number === 0 || number === 1 || number === 2 || number === 9 ? String(number) : null;
  },
  explain: () => 'moet 0 (onbekend), 1 (man), 2 (vrouw) of 9 (niet gespecificeerd) zijn',
};

export const date: SimpleType = {
  parse: (raw) => {
    const value = collapse(raw);
    return isXsDate(value) ? value : null;
  },
  explain: () => 'moet een bestaande datum zijn in de vorm JJJJ-MM-DD',
};

export const dateTime: SimpleType = {
  parse: (raw) => {
    const value = collapse(raw);
    return isXsDateTime(value) ? value : null;
  },
  explain: () => 'moet een bestaand tijdstip zijn in de vorm JJJJ-MM-DDTuu:mm:ss',
};

/** The first year the official EDEXSchooljaarType lists. */
const FIRST_SCHOOL_YEAR = 1991;

/**
 * EDEXSchooljaarType is an enumeration that stops at 2024-2025; files for later years are
 * real and valid. The one deliberate difference from the XSD: any "YYYY-YYYY" from 1991-1992
 * on whose second year follows the first.
 */
export const schoolYear: SimpleType = {
  parse: (raw) => {
    const match = /^([0-9]{4})-([0-9]{4})$/.exec(raw);
    if (!match) return null;
    const first = Number(match[1]);
    return first >= FIRST_SCHOOL_YEAR && Number(match[2]) === first + 1 ? raw : null;
  },
  explain: () => `moet een schooljaar zijn in de vorm JJJJ-JJJJ (twee opeenvolgende jaren, vanaf ${FIRST_SCHOOL_YEAR}-${FIRST_SCHOOL_YEAR + 1})`,
};
