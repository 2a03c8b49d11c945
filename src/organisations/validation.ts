/**
 * Rules for organisation identifiers. BRIN: two digits and two capitals (EDEXML
 * EDEXBrincodeType); dependancecode: two digits, where 00 is the main school.
 */
import { AppError } from '../lib/errors.js';

export const BRIN_PATTERN = /^\d{2}[A-Z]{2}$/;
export const LOCATION_CODE_PATTERN = /^\d{2}$/;
export const BOARD_NUMBER_PATTERN = /^\d{1,10}$/;
export const NAME_MAX = 128;

export function normaliseBrin(raw: string): string {
  const brin = raw.trim().toUpperCase();
  if (!BRIN_PATTERN.test(brin)) throw new AppError('organisations.invalid_brin', { brin: raw });
  return brin;
}

export function normaliseLocationCode(raw: string | undefined | null): string {
  const code = (raw ?? '').trim() || '00';
  if (!LOCATION_CODE_PATTERN.test(code)) throw new AppError('organisations.invalid_location_code', { locationCode: raw ?? '' });
  return code;
}

export function normaliseBoardNumber(raw: string): string {
  const number = raw.trim();
  if (!BOARD_NUMBER_PATTERN.test(number)) throw new AppError('organisations.invalid_board_number', { number: raw });
  return number;
}

export function normaliseName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name || name.length > NAME_MAX) throw new AppError('organisations.invalid_name', { max: NAME_MAX });
  return name;
}

/**
 * "12AB00" or "12AB" (main school) → its parts. Used where people and the partner API
 * write BRIN and dependancecode as one code.
 */
export function parseSchoolCode(raw: string): { brin: string; locationCode: string } {
  const code = raw.trim().toUpperCase();
  return { brin: normaliseBrin(code.slice(0, 4)), locationCode: normaliseLocationCode(code.slice(4)) };
}
