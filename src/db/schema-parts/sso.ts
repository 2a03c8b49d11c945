/** Row types of the sso capability's tables (conventions: see ../schema.ts). */

export interface SsoTables {
}
