/**
 * Which staff roles a roster row brings. EDEXML gives each staff member role codes
 * (EDEXLeerkrachtRolType); Leerpoort maps those that work with pupils. Codes that manage the
 * school (ICT, DIR, ADJ, LOC) grant nothing by themselves: management rights are given by a
 * person (the operator or an ICT-coördinator), never by a file from the LAS.
 */
import type { StaffRoleName } from '../../db/index.js';

const TEACHING = new Set(['LRK', 'LOS', 'OWA', 'KLA', 'VAK']);
const SUPPORT = new Set(['IB', 'RT']);
const TRAINEE = new Set(['STA']);

export interface RosterRole {
  role: Extract<StaffRoleName, 'teacher' | 'supportStaff' | 'trainee'>;
  groupId: number | null;
}

/**
 * Teachers see their own groups through the roster's group memberships, so their role has no
 * group; a trainee is bound to exactly one group, so only a trainee with one group gets one.
 * Someone with groups but no mapped code is treated as a teacher of those groups.
 */
export function rosterRoles(codes: readonly string[], groupIds: readonly number[]): RosterRole[] {
  const roles: RosterRole[] = [];
  const upper = codes.map((c) => c.toUpperCase());
  if (upper.some((c) => SUPPORT.has(c))) roles.push({ role: 'supportStaff', groupId: null });
  if (upper.some((c) => TEACHING.has(c))) roles.push({ role: 'teacher', groupId: null });
  if (upper.some((c) => TRAINEE.has(c)) && groupIds.length === 1) roles.push({ role: 'trainee', groupId: groupIds[0] });
  if (roles.length === 0 && groupIds.length > 0 && !upper.some((c) => TRAINEE.has(c))) roles.push({ role: 'teacher', groupId: null });
  return roles;
}

export function parseRoleCodes(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
