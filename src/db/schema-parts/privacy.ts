/** Row types of the privacy capability's tables (conventions: see ../schema.ts). */

export interface PrivacyTables {
}
