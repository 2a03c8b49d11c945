/**
 * A substitute's period in whole school days, Amsterdam time: from the start of the first day
 * to the start of the day after the last. Default one day (today), at most 14 days.
 */
import { AppError } from '../../lib/errors.js';

export const MAX_PERIOD_DAYS = 14;
const DAY_MS = 24 * 60 * 60_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const zoneOffset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' });
const calendarDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Minutes Amsterdam is ahead of UTC at this moment (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(at: Date): number {
  const name = zoneOffset.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The calendar date ("2026-11-29") in Amsterdam at this moment. */
export function amsterdamDate(at: Date): string {
  return calendarDay.format(at);
}

/** Midnight at the start of an Amsterdam calendar date, as a UTC instant; null for a date that does not exist. */
export function amsterdamMidnight(date: string): Date | null {
  const match = DATE_SHAPE.exec(date);
  if (!match) return null;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(utc).toISOString().slice(0, 10) !== date) return null;
  // The offset at the guessed instant is right except within an hour of a DST change, so check once more.
  const guess = utc - amsterdamOffsetMinutes(new Date(utc)) * 60_000;
  return new Date(utc - amsterdamOffsetMinutes(new Date(guess)) * 60_000);
}

export interface Period {
  startsAt: string;
  endsAt: string;
  days: number;
}

/** The period from the first to the last date (inclusive); empty dates mean today. Refuses a period in the past. */
export function periodFrom(input: { from: string; to: string }, now: Date): Period {
  const today = amsterdamDate(now);
  const from = input.from.trim() || today;
  const to = input.to.trim() || from;
  const start = amsterdamMidnight(from);
  const last = amsterdamMidnight(to);
  if (!start || !last || last < start || to < today) throw new AppError('substitutes.invalid_period');
  const end = amsterdamMidnight(amsterdamDate(new Date(last.getTime() + DAY_MS + 3 * 60 * 60_000)));
  if (!end) throw new AppError('substitutes.invalid_period');
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  if (days > MAX_PERIOD_DAYS) throw new AppError('substitutes.period_too_long', { max: MAX_PERIOD_DAYS });
  return { startsAt: start.toISOString(), endsAt: end.toISOString(), days };
}
