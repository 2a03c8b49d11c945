export { openDatabase, isPostgresUrl, type Db, type DialectName } from './database.js';
export { migrateToLatest } from './migrate.js';
export { isUniqueViolation } from './errors.js';
export type * from './schema.js';
