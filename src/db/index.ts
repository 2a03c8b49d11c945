export { openDatabase, isPostgresUrl, type Db, type DialectName } from './database.js';
export { migrateToLatest } from './migrate.js';
export { isConstraintViolation, isUniqueViolation } from './errors.js';
export type * from './schema.js';
export { resealAll, sealedColumn, type ResealCount, type ResealReport, type SealedColumn } from './reseal.js';
