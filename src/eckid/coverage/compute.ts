/**
 * Coverage as numbers: how many pupils have an ECK iD, and why the others have none; and the
 * trend over the school year from daily snapshots. Pure, so pages, CSV and snapshots agree.
 */
import { reasonCodes, type Reason, type ReasonCode } from '../readiness/rules.js';

export interface Coverage {
  pupils: number;
  withEckid: number;
  /** Without ECK iD but none expected (unfunded school type): not counted as missing. */
  expectedWithout: number;
  missing: number;
  /** withEckid / pupils; 1 when there are no pupils (nothing is missing). */
  share: number;
  byReason: Record<ReasonCode, number>;
}

export function emptyByReason(): Record<ReasonCode, number> {
  return Object.fromEntries(reasonCodes.map((code) => [code, 0])) as Record<ReasonCode, number>;
}

export function computeCoverage(reasons: readonly (Reason | null)[]): Coverage {
  return weightedCoverage(reasons.map((reason) => ({ reason, count: 1 })));
}

/** The same from groups of pupils that share a reason (the snapshot counts in SQL, per status). */
export function weightedCoverage(groups: readonly { reason: Reason | null; count: number }[]): Coverage {
  const byReason = emptyByReason();
  let pupils = 0;
  let withEckid = 0;
  let expectedWithout = 0;
  for (const { reason, count } of groups) {
    pupils += count;
    if (reason === null) withEckid += count;
    else {
      byReason[reason.code] += count;
      if (reason.expected) expectedWithout += count;
    }
  }
  return { pupils, withEckid, expectedWithout, missing: pupils - withEckid - expectedWithout, share: pupils === 0 ? 1 : withEckid / pupils, byReason };
}

/** Adds coverages up (a board's schools). */
export function sumCoverage(parts: readonly Coverage[]): Coverage {
  const byReason = emptyByReason();
  let pupils = 0;
  let withEckid = 0;
  let expectedWithout = 0;
  for (const part of parts) {
    pupils += part.pupils;
    withEckid += part.withEckid;
    expectedWithout += part.expectedWithout;
    for (const code of reasonCodes) byReason[code] += part.byReason[code] ?? 0;
  }
  return { pupils, withEckid, expectedWithout, missing: pupils - withEckid - expectedWithout, share: pupils === 0 ? 1 : withEckid / pupils, byReason };
}

const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in the Netherlands, YYYY-MM-DD: a snapshot belongs to the school's day. */
export function dayOf(date: Date): string {
  return amsterdamDay.format(date);
}

/** The first day of the school year a day falls in (1 August; the rollover follows it). */
export function schoolYearStart(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${month >= 8 ? year : year - 1}-08-01`;
}

export interface Snapshot {
  schoolId: number;
  day: string;
  coverage: Coverage;
}

export interface TrendPoint {
  day: string;
  coverage: Coverage;
}

/**
 * One point per day on which any school took a snapshot. A school without a snapshot that
 * day counts with its latest earlier one (its coverage did not change without an import).
 */
export function trend(snapshots: readonly Snapshot[]): TrendPoint[] {
  const sorted = [...snapshots].sort((a, b) => (a.day === b.day ? a.schoolId - b.schoolId : a.day < b.day ? -1 : 1));
  const latest = new Map<number, Coverage>();
  const points: TrendPoint[] = [];
  for (let i = 0; i < sorted.length; i++) {
    latest.set(sorted[i].schoolId, sorted[i].coverage);
    if (i + 1 < sorted.length && sorted[i + 1].day === sorted[i].day) continue;
    points.push({ day: sorted[i].day, coverage: sumCoverage([...latest.values()]) });
  }
  return points;
}
