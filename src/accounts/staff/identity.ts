/** Normalising what people type for an identity: e-mail addresses and display names. */
import { AppError } from '../../lib/errors.js';

const EMAIL = /^[^\s<>@,;:"()[\]\\]{1,64}@[^\s<>@,;:"()[\]\\]+\.[^\s<>@,;:"()[\]\\]+$/;
export const NAME_MAX = 100;

/** One address is one identity: compared and stored lowercased and trimmed. */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw new AppError('staff.invalid_email');
  return email;
}

/** The e-mail address if it is usable, else null (for roster rows, which may hold anything). */
export function usableEmail(raw: string | null): string | null {
  if (!raw) return null;
  try {
    return normaliseEmail(raw);
  } catch {
    return null;
  }
}

export function normaliseName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name || name.length > NAME_MAX) throw new AppError('staff.invalid_name', { max: NAME_MAX });
  return name;
}

/** "Anna de Vries" from the roster's roepnaam (or first names or initials), voorvoegsel and last name. */
export function rosterDisplayName(row: { nickname: string | null; first_names: string | null; initials: string | null; prefix: string | null; last_name: string | null }): string {
  const first = row.nickname || row.first_names?.split(' ')[0] || row.initials || '';
  const name = [first, row.prefix, row.last_name].filter((part) => part && part.trim()).join(' ').replace(/\s+/g, ' ').trim();
  return name.slice(0, NAME_MAX) || 'Medewerker';
}
