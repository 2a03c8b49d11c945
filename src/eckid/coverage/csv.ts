/**
 * The list of pupils without an ECK iD as CSV for a spreadsheet (Dutch Excel: semicolons, a
 * BOM for UTF-8). Names, group, reason and what to do; never the ECK iD (it is not even read).
 */
import type { PupilReadiness } from '../readiness/index.js';

export const CSV_BOM = '\uFEFF';

/** Quotes a cell; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function missingCsv(pupils: readonly (PupilReadiness & { schoolName?: string })[], withSchool: boolean): string {
  const header = [...(withSchool ? ['School'] : []), 'Naam', 'Groep', 'Reden', 'Wat te doen', 'Geen fout (geen ECK iD verwacht)'];
  const lines = [header.map(csvCell).join(';')];
  for (const pupil of pupils) {
    if (pupil.reason === null) continue;
    const cells = [...(withSchool ? [pupil.schoolName ?? ''] : []), pupil.name, pupil.groupName, pupil.reason.label, pupil.reason.action, pupil.reason.expected ? 'ja' : 'nee'];
    lines.push(cells.map(csvCell).join(';'));
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
