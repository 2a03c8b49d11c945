/** Row types of the eckid capability's tables (conventions: see ../schema.ts). */

export interface EckidTables {
}
