/** Row types of the catalogue capability's tables (conventions: see ../schema.ts). */

export interface CatalogueTables {
}
