/**
 * The CSV export of a school's or board's part of the ledger: attribute NAMES only, never a
 * value; the subject by display name in the school's own export, by kind only in the board's.
 * Semicolons and a byte-order mark, so Dutch spreadsheet programs open it as columns.
 */
import type { LedgerEntry } from '../types.js';

export const CSV_BOM = '\uFEFF';

/** RFC 4180 quoting, and a leading apostrophe for cells a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: Array<string | number | null>): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}

export interface CsvContext {
  publisherName: (id: number) => string;
  agreementReference: (id: number) => string;
  /** School view: the subject's display name; null in the board view. */
  subjectName: ((entry: LedgerEntry) => string) | null;
  /** Board view: the school's BRIN and dependancecode; null in the school view. */
  schoolCode: ((schoolId: number) => string) | null;
}

const KIND = { pupil: 'leerling', staff: 'medewerker' } as const;

export function csvHeader(context: Pick<CsvContext, 'subjectName' | 'schoolCode'>): string {
  return csvLine([
    'volgnummer',
    'tijdstip',
    ...(context.schoolCode ? ['school'] : []),
    'uitgeverij',
    'ontvanger',
    'kanaal',
    'soort betrokkene',
    ...(context.subjectName ? ['betrokkene'] : []),
    'gegevens',
    'overeenkomst',
    'controlewaarde',
  ]);
}

export function csvRow(entry: LedgerEntry, context: CsvContext): string {
  return csvLine([
    entry.seq,
    entry.at,
    ...(context.schoolCode ? [context.schoolCode(entry.schoolId)] : []),
    context.publisherName(entry.publisherId),
    entry.recipient,
    entry.channel,
    KIND[entry.subjectKind],
    ...(context.subjectName ? [context.subjectName(entry)] : []),
    entry.attributes.join(' '),
    context.agreementReference(entry.agreementId),
    entry.hash,
  ]);
}
