/**
 * xs:date and xs:dateTime as XML Schema 1.0 defines them (part 2, 3.2.7 and 3.2.9): the
 * lexical form, and a day that exists in its month ("2023-02-30" is refused, as the XSD
 * validator refuses it).
 */

const YEAR = '-?(?:[1-9][0-9]{4,}|[0-9]{4})';
const TIMEZONE = '(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?';
const DATE = `(${YEAR})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])`;
const TIME = '(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?|24:00:00(?:\\.0+)?)';

const DATE_FORM = new RegExp(`^${DATE}${TIMEZONE}$`);
const DATE_TIME_FORM = new RegExp(`^${DATE}T${TIME}${TIMEZONE}$`);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function dayExists(yearText: string, monthText: string, dayText: string): boolean {
  const year = Math.abs(Number(yearText));
  // XML Schema 1.0 has no year zero.
  if (year === 0) return false;
  const month = Number(monthText);
  const day = Number(dayText);
  const last = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  return day <= last;
}

const digit = (value: string, at: number) => value.charCodeAt(at) - 48;
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9];
const isDigitAt = (value: string, at: number) => digit(value, at) >= 0 && digit(value, at) <= 9;

/** YYYY-MM-DD without time zone, as nearly every file writes it, checked without a regular expression. */
function isPlainDate(value: string): boolean | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  for (const at of DIGIT_POSITIONS) if (!isDigitAt(value, at)) return null;
  const month = digit(value, 5) * 10 + digit(value, 6);
  const day = digit(value, 8) * 10 + digit(value, 9);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && dayExists(value.slice(0, 4), value.slice(5, 7), value.slice(8, 10));
}

export function isXsDate(value: string): boolean {
  const plain = isPlainDate(value);
  if (plain !== null) return plain;
  const match = DATE_FORM.exec(value);
  return match !== null && dayExists(match[1], match[2], match[3]);
}

export function isXsDateTime(value: string): boolean {
  const match = DATE_TIME_FORM.exec(value);
  return match !== null && dayExists(match[1], match[2], match[3]);
}
