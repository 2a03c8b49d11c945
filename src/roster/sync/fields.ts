/**
 * The columns a file sets, with the Dutch name a person reads in the preview. Comparing a
 * stored row with the file's values goes through these tables, so the preview and the
 * decision "does this row change" can never disagree.
 */

export type FieldTable<K extends string> = ReadonlyArray<readonly [column: K, dutchName: string]>;

export const locationFields: FieldTable<'name' | 'description'> = [
  ['name', 'naam'],
  ['description', 'omschrijving'],
];

export const groupFields: FieldTable<'kind' | 'name' | 'year_group' | 'description'> = [
  ['kind', 'soort'],
  ['name', 'naam'],
  ['year_group', 'jaargroep'],
  ['description', 'omschrijving'],
];

type PersonColumn = 'las_key' | 'eckid' | 'last_name' | 'prefix' | 'first_names' | 'initials' | 'nickname';

/** The ECK iD's name may appear in a preview; its value never does. */
const personFields: FieldTable<PersonColumn> = [
  ['las_key', 'LAS-sleutel'],
  ['eckid', 'ECK iD'],
  ['last_name', 'achternaam'],
  ['prefix', 'voorvoegsel'],
  ['first_names', 'voornamen'],
  ['initials', 'voorletters'],
  ['nickname', 'roepnaam'],
];

export const pupilFields: FieldTable<PersonColumn | 'birth_date' | 'gender' | 'year_group'> = [
  ...personFields,
  ['birth_date', 'geboortedatum'],
  ['gender', 'geslacht'],
  ['year_group', 'jaargroep'],
];

export const staffFields: FieldTable<PersonColumn | 'email' | 'roles'> = [
  ...personFields,
  ['email', 'e-mailadres'],
  ['roles', 'rollen'],
];

export const fieldName = {
  active: 'actief',
  group: 'groep',
  location: 'vestiging',
  subgroups: 'samengestelde groepen',
  staffGroups: 'groepen',
} as const;

/** Dutch names of the columns whose values differ. */
export function changedFields<K extends string>(
  before: Record<K, unknown>,
  after: Record<K, unknown>,
  fields: FieldTable<K>,
): string[] {
  const changed: string[] = [];
  for (const [column, name] of fields) if (before[column] !== after[column]) changed.push(name);
  return changed;
}

/** Two id lists hold the same ids (memberships have no order). */
export function sameIds(left: readonly number[], right: readonly number[]): boolean {
  if (left.length !== right.length) return false;
  // Most people have no or one membership: no Set for them.
  if (left.length === 0) return true;
  if (left.length === 1) return left[0] === right[0];
  const set = new Set(left);
  return right.every((id) => set.has(id));
}
