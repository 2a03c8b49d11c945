/** Row types of the saml tables (conventions: see ../schema.ts). */

export interface SamlTables {
}
