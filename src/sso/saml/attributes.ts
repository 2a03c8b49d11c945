/**
 * SAML names for the released attributes. The names are those Dutch education already uses
 * (Kennisnet Entree Federatie: uid, givenName, eduPersonAffiliation, nlEduPersonHomeOrganizationId,
 * eckId), so a publisher's existing SAML integration reads them unchanged; group and year group
 * have no federation name and use `leerpoortGroup` / `leerpoortYearGroup` (docs/saml.md).
 * Which attributes flow is decided once, in ../profiles.ts; this file only renames.
 */
import type { Release, ReleasedAttribute, ReleasePerson } from '../profiles.js';
import { escapeXml } from './xml.js';

export const ATTRIBUTE_NAMES: Record<ReleasedAttribute, string> = {
  pseudonym: 'uid',
  role: 'eduPersonAffiliation',
  brin: 'nlEduPersonHomeOrganizationId',
  givenName: 'givenName',
  group: 'leerpoortGroup',
  yearGroup: 'leerpoortYearGroup',
  eckId: 'eckId',
};

/** eduPerson affiliation values (eduPerson 2020: student, employee, staff, …). */
const AFFILIATION: Record<ReleasePerson['role'], string[]> = {
  leerling: ['student'],
  leerkracht: ['employee'],
  medewerker: ['employee', 'staff'],
};

const BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';

export function samlAttributes(release: Release, role: ReleasePerson['role']): Array<{ name: string; values: string[] }> {
  return release.attributes.map((attribute) => ({
    name: ATTRIBUTE_NAMES[attribute],
    values: attribute === 'role' ? AFFILIATION[role] : [release.values[attribute] as string],
  }));
}

/** `<saml:AttributeStatement>` with xs:string values, every value escaped. */
export function attributeStatementXml(attributes: Array<{ name: string; values: string[] }>): string {
  if (attributes.length === 0) return '';
  const body = attributes
    .map(
      (a) =>
        `<saml:Attribute Name="${escapeXml(a.name)}" NameFormat="${BASIC}">` +
        a.values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(v)}</saml:AttributeValue>`).join('') +
        '</saml:Attribute>',
    )
    .join('');
  return `<saml:AttributeStatement>${body}</saml:AttributeStatement>`;
}
