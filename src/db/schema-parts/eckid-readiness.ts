/** Row types of the eckid-readiness tables (conventions: see ../schema.ts). */

export interface EckidReadinessTables {
}
