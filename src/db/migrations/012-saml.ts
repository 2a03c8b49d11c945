/** Placeholder: filled in by its owner this session (see the migration list in ../migrate.ts). */
import type { DialectName } from '../database.js';
import type { AnyDb } from './columns.js';

export async function up(_db: AnyDb, _dialect: DialectName): Promise<void> {}
