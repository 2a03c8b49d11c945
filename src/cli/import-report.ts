/**
 * What `leerpoort import edexml` tells its caller: one JSON object (`--json`, for scripts and
 * LAS jobs) or a readable Dutch summary, plus the exit code. Built from the roster's
 * ImportSummary, leaving out the per-person change list: counts and problems are what an
 * operator acts on, and names (let alone ECK iDs) do not belong in shell logs.
 */
import { formatMessage, type AppError } from '../lib/errors.js';
import type { FileProblem, GuardResult, ImportSummary, KindCounts, PupilCounts } from '../roster/index.js';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 2;
export const EXIT_HELD = 3;

export interface ProblemReport {
  code: string;
  message: string;
  line: number | null;
  key: string | null;
  element: string | null;
}

export interface ImportReport {
  status: ImportSummary['status'];
  importId: number | null;
  school: { code: string; brin: string; locationCode: string; name: string } | null;
  schoolYear: string | null;
  edexmlVersion: string | null;
  counts: { pupils: PupilCounts; groups: KindCounts; staff: KindCounts } | null;
  guard: GuardResult | null;
  warnings: ProblemReport[];
  errors: ProblemReport[];
}

const toProblem = (problem: FileProblem): ProblemReport => ({
  code: problem.code,
  message: problem.message,
  line: problem.line,
  key: problem.key,
  element: problem.element,
});

export function reportFromSummary(summary: ImportSummary): ImportReport {
  const { school, counts } = summary;
  return {
    status: summary.status,
    importId: summary.importId,
    school: school && { code: school.brin + school.locationCode, brin: school.brin, locationCode: school.locationCode, name: school.name },
    schoolYear: summary.schoolYear,
    edexmlVersion: summary.edexmlVersion,
    counts: { pupils: counts.pupils, groups: counts.groups, staff: counts.staff },
    guard: summary.guard,
    warnings: summary.warnings.map(toProblem),
    errors: summary.errors.map(toProblem),
  };
}

function isFileProblemList(value: unknown): value is FileProblem[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && 'code' in item && 'message' in item);
}

/** A refusal that came as an error before any summary existed (unknown school, file too large). */
export function reportFromError(error: AppError): ImportReport {
  const details = isFileProblemList(error.details) ? error.details : [];
  const own: ProblemReport = { code: error.code, message: error.message, line: null, key: null, element: null };
  return {
    status: 'refused',
    importId: null,
    school: null,
    schoolYear: null,
    edexmlVersion: null,
    counts: null,
    guard: null,
    warnings: details.filter((p) => p.severity === 'warning').map(toProblem),
    errors: [own, ...details.filter((p) => p.severity !== 'warning').map(toProblem)],
  };
}

/** A dry run answers with the code the real run would give, so scripts can test a file first. */
export function exitCodeFor(report: ImportReport, confirmLargeChange: boolean): number {
  switch (report.status) {
    case 'applied':
      return EXIT_OK;
    case 'dry_run':
      return report.guard?.tripped && !confirmLargeChange ? EXIT_HELD : EXIT_OK;
    case 'held':
      return EXIT_HELD;
    case 'refused':
      return EXIT_REFUSED;
    default:
      // preview, discarded, reverted: never an answer to a CLI import; treat as failure.
      return 1;
  }
}

const percent = (share: number) => new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 1 }).format(share);

const STATUS_TEXT: Record<string, (report: ImportReport) => string> = {
  applied: (r) => `toegepast (import ${r.importId}).`,
  dry_run: () => 'proefimport: er is niets opgeslagen.',
  held: (r) => `NIET toegepast: de import wacht op bevestiging (import ${r.importId}).`,
  refused: (r) => formatMessage('roster.file_refused', { count: r.errors.length }),
};

function countsTable(counts: NonNullable<ImportReport['counts']>): string[] {
  const header = ['', 'toegevoegd', 'gewijzigd', 'gedeactiveerd', 'ongewijzigd'];
  const rows: Array<[string, KindCounts]> = [['leerlingen', counts.pupils], ['groepen', counts.groups], ['personeel', counts.staff]];
  const cells = [header, ...rows.map(([label, c]) => [label, c.added, c.updated, c.deactivated, c.unchanged].map(String))];
  return cells.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(11) : cell.padStart(header[i].length))).join('  ').trimEnd());
}

function problemLines(title: string, problems: ProblemReport[]): string[] {
  if (problems.length === 0) return [];
  return ['', `${title} (${problems.length}):`, ...problems.map((p) => `  - ${p.line === null ? '' : `regel ${p.line}: `}${p.message}`)];
}

/** The readable Dutch summary; `rerun` is the command line that confirms a held file. */
export function formatReport(report: ImportReport, rerun: string): string {
  const lines: string[] = [];
  if (report.school) {
    const year = report.schoolYear ? `, schooljaar ${report.schoolYear}` : '';
    lines.push(`School: ${report.school.name} (${report.school.code})${year}${report.edexmlVersion ? `, EDEXML ${report.edexmlVersion}` : ''}`);
  }
  lines.push(`Resultaat: ${(STATUS_TEXT[report.status] ?? (() => report.status))(report)}`);
  if (report.counts && report.status !== 'refused') {
    lines.push('', ...countsTable(report.counts));
    if (report.counts.pupils.moved > 0) lines.push(`(${report.counts.pupils.moved} leerling(en) naar een andere groep)`);
  }
  const guard = report.guard;
  if (guard?.tripped) {
    lines.push(
      '',
      `Dit bestand zou ${guard.wouldDeactivate} van de ${guard.activePupils} actieve leerlingen deactiveren (${percent(guard.wouldDeactivate / Math.max(guard.activePupils, 1))}).`,
      `Boven ${percent(guard.limit)} vraagt Leerpoort eerst om bevestiging: een lege of afgebroken export zou anders de hele school uitschakelen.`,
    );
    if (report.status === 'held' || report.status === 'dry_run') {
      lines.push(`Klopt dit? Bevestig met: ${rerun} --confirm`);
      if (report.status === 'held') lines.push(`of bevestig import ${report.importId} in de webomgeving bij de importgeschiedenis van de school.`);
    }
  }
  lines.push(...problemLines('Fouten', report.errors), ...problemLines('Waarschuwingen', report.warnings));
  return lines.join('\n');
}
