/** The benchmark's table: one row per scenario and database, with the target it is held to. */

export interface BenchRow {
  scenario: string;
  dialect: string;
  pupils: number;
  /** Median over the rounds. */
  seconds: number;
  /** Fastest and slowest round, so a noisy machine shows. */
  range: [number, number];
  /**
   * Median CPU seconds of this Node process (parser, sync engine, Kysely, and SQLite, which runs
   * in-process; not the PostgreSQL server). Less disturbed than wall time when the machine is busy.
   */
  cpuSeconds: number;
  /** Import time divided by parse-only time for the same files, measured in the same rounds. */
  ratioToParse: number;
  /** Pupils per second required; null when the scenario has no target. */
  target: number | null;
  targetText: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function pupilsPerSecond(row: Pick<BenchRow, 'pupils' | 'seconds'>): number {
  return row.pupils / row.seconds;
}

export function meetsTarget(row: BenchRow): boolean | null {
  return row.target === null ? null : pupilsPerSecond(row) >= row.target;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatTable(rows: BenchRow[]): string {
  const header = ['scenario', 'dialect', 'pupils', 'seconds', 'range (s)', 'node CPU s', 'pupils/s', '× parse-only', 'target', 'result'];
  const body = rows.map((row) => [
    row.scenario,
    row.dialect,
    integer.format(row.pupils),
    row.seconds.toFixed(3),
    `${row.range[0].toFixed(3)}–${row.range[1].toFixed(3)}`,
    row.cpuSeconds.toFixed(3),
    integer.format(pupilsPerSecond(row)),
    `${row.ratioToParse.toFixed(1)}×`,
    row.targetText,
    { true: 'PASS', false: 'MISS', null: '–' }[String(meetsTarget(row))] ?? '–',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i].length)));
  const numeric = (i: number) => i >= 2 && i <= 7;
  const line = (cells: string[]) => cells.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
