/**
 * School years as the roster names them ("2026-2027"). A Dutch school year runs from 1 August
 * to 31 July; a licence holds for one school year and can be cancelled for the next one until
 * 30 June of its last calendar year (opzegtermijn), the date schools are shown.
 */
import { AppError } from '../lib/errors.js';

const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

export function schoolYearAt(at: Date): string {
  const [year, month] = amsterdamDay.format(at).split('-').map(Number);
  const start = month >= 8 ? year : year - 1;
  return `${start}-${start + 1}`;
}

export function normaliseSchoolYear(value: string): string {
  const match = /^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$/.exec(value);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) throw new AppError('catalogue.invalid_school_year', { schoolYear: value });
  return `${match[1]}-${match[2]}`;
}

/** The cancellation deadline of a licence for `schoolYear`: 30 June of its last calendar year (YYYY-MM-DD). */
export function cancellationDeadline(schoolYear: string): string {
  return `${schoolYear.slice(5, 9)}-06-30`;
}
