/** A substitute's period in whole Amsterdam days, across summer and winter time. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amsterdamDate, amsterdamMidnight, periodFrom } from '../../src/accounts/substitutes/period.js';
import { isAppError } from '../../src/lib/errors.js';

const refusedWith = (code: string) => (error: unknown) => isAppError(error) && error.code === code;

test('midnight in Amsterdam: UTC+1 in winter, UTC+2 in summer; impossible dates are null', () => {
  assert.equal(amsterdamMidnight('2026-01-15')?.toISOString(), '2026-01-14T23:00:00.000Z');
  assert.equal(amsterdamMidnight('2026-07-15')?.toISOString(), '2026-07-14T22:00:00.000Z');
  assert.equal(amsterdamMidnight('2026-02-30'), null);
  assert.equal(amsterdamMidnight('15-01-2026'), null);
  assert.equal(amsterdamDate(new Date('2026-07-14T22:30:00Z')), '2026-07-15', 'half past midnight in Amsterdam is the next day');
});

test('empty dates mean today, one day long', () => {
  const period = periodFrom({ from: '', to: '' }, new Date('2026-11-29T10:00:00Z'));
  assert.deepEqual(period, { startsAt: '2026-11-28T23:00:00.000Z', endsAt: '2026-11-29T23:00:00.000Z', days: 1 });
});

test('a period over the change to summer time still ends at midnight', () => {
  const period = periodFrom({ from: '2026-03-28', to: '2026-03-30' }, new Date('2026-03-27T12:00:00Z'));
  assert.equal(period.startsAt, '2026-03-27T23:00:00.000Z');
  assert.equal(period.endsAt, '2026-03-30T22:00:00.000Z');
  assert.equal(period.days, 3);
});

test('14 days is the most; longer, reversed or past periods are refused', () => {
  const now = new Date('2026-11-29T10:00:00Z');
  assert.equal(periodFrom({ from: '2026-11-29', to: '2026-12-12' }, now).days, 14);
  assert.throws(() => periodFrom({ from: '2026-11-29', to: '2026-12-13' }, now), refusedWith('substitutes.period_too_long'));
  assert.throws(() => periodFrom({ from: '2026-12-02', to: '2026-12-01' }, now), refusedWith('substitutes.invalid_period'));
  assert.throws(() => periodFrom({ from: '2026-11-20', to: '2026-11-28' }, now), refusedWith('substitutes.invalid_period'));
  assert.throws(() => periodFrom({ from: 'morgen', to: '' }, now), refusedWith('substitutes.invalid_period'));
});
