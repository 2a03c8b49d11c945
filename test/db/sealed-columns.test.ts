/**
 * `leerpoort secrets reseal` walks the sealed columns compose.ts lists. A new column holding
 * sealed values (named *_sealed / sealed_*, or the TOTP secret) that is not on that list would
 * become unreadable at the next SECRET_KEY rotation: this finds it in the migrated schema.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { SEALED_COLUMNS } from '../../src/compose.js';
import { openTestDatabase, testDatabases } from '../helpers/databases.js';

test('every sealed column of the schema is re-sealed by the rotation', async () => {
  const db = await openTestDatabase(testDatabases()[0]);
  try {
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db.kysely);
    const found: string[] = [];
    for (const { name } of tables.rows) {
      const columns = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${name})`.execute(db.kysely);
      for (const column of columns.rows) if (/(^sealed_|_sealed$|^totp_secret$)/.test(column.name)) found.push(`${name}.${column.name}`);
    }
    const listed = SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`);
    assert.deepEqual(found.sort(), [...listed].sort());
    assert.equal(new Set(SEALED_COLUMNS.map((c) => c.kind)).size, SEALED_COLUMNS.length, 'kinds are unique');
  } finally {
    await db.close();
  }
});
