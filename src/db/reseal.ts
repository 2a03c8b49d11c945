/**
 * Moving every sealed value to the current SECRET_KEY (`leerpoort secrets reseal`, the second
 * half of a key rotation; docs/adr/0014-secret-key-rotation.md). Each capability describes its
 * sealed columns (table, key, column, purpose); this walks them in key order, batch by batch.
 *
 * Each batch of updates is one transaction, and each update is a compare-and-set on the value
 * it read: a crash leaves every value either as it was (it opens under SECRET_KEY_PREVIOUS) or
 * re-sealed (it opens under SECRET_KEY), and a value a running server changed in between is
 * left to that server (it sealed under the current key already). Running it again finds
 * nothing left to do. A value no configured key opens is reported and never written.
 */
import type { Kysely } from 'kysely';
import { isSealedValue, type SecretBox } from '../lib/secret-box.js';
import type { Database } from './schema.js';

const BATCH = 500;

type Table = keyof Database & string;
type ColumnOf<T extends Table> = keyof Database[T] & string;
type Cell = string | number | null;
/** The same database seen without table types: the walk is the same for every column. */
type AnyTables = Kysely<Record<string, Record<string, Cell>>>;

export interface SealedColumn<T extends Table = Table> {
  /** Stable name in reports and --json, e.g. 'staff.totp'. */
  kind: string;
  /** What the values are, in Dutch, for the report. */
  label: string;
  table: T;
  /** A unique, ordered column to walk and update by (id, pupil_id). */
  key: ColumnOf<T>;
  column: ColumnOf<T>;
  /** Further columns the purpose is made of (e.g. school and pupil for a PGN). */
  purposeColumns?: ColumnOf<T>[];
  purpose(row: Record<string, Cell>): string;
  /** Values not in the box's format are plaintext from before sealing (TOTP): seal them too. */
  plaintextBeforeSealing?: boolean;
}

/** Declares a sealed column with its table's column names checked. */
export function sealedColumn<T extends Table>(column: SealedColumn<T>): SealedColumn {
  return column as unknown as SealedColumn;
}

export interface ResealCount {
  kind: string;
  label: string;
  /** Already under the current key: left alone. */
  current: number;
  /** Under the previous key: re-sealed (with dryRun: would be). */
  resealed: number;
  /** Plaintext from before sealing: sealed (with dryRun: would be). */
  sealedPlaintext: number;
  /** Changed by a running server between reading and writing: left to it. */
  changedMeanwhile: number;
  /** Opens under no configured key: left alone, listed in `unreadable`. */
  unreadable: number;
}

export interface ResealReport {
  dryRun: boolean;
  kinds: ResealCount[];
  unreadable: Array<{ kind: string; table: string; key: Cell }>;
}

interface Change {
  key: Cell;
  from: string;
  to: string;
  plaintext: boolean;
}

export async function resealAll(db: Kysely<Database>, box: SecretBox, columns: readonly SealedColumn[], options: { dryRun: boolean }): Promise<ResealReport> {
  const report: ResealReport = { dryRun: options.dryRun, kinds: [], unreadable: [] };
  for (const column of columns) report.kinds.push(await resealColumn(db as unknown as AnyTables, box, column, options.dryRun, report));
  return report;
}

async function resealColumn(db: AnyTables, box: SecretBox, spec: SealedColumn, dryRun: boolean, report: ResealReport): Promise<ResealCount> {
  const count: ResealCount = { kind: spec.kind, label: spec.label, current: 0, resealed: 0, sealedPlaintext: 0, changedMeanwhile: 0, unreadable: 0 };
  const { table, key, column } = spec as { table: string; key: string; column: string };
  let after: Cell = null;
  for (;;) {
    let query = db.selectFrom(table).select([key, column, ...(spec.purposeColumns ?? [])])
      .where(column, 'is not', null).orderBy(key).limit(BATCH);
    if (after !== null) query = query.where(key, '>', after);
    const rows = await query.execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1][key];

    const changes: Change[] = [];
    for (const row of rows) {
      const value = row[column] as string;
      const purpose = spec.purpose(row);
      if (spec.plaintextBeforeSealing && !isSealedValue(value)) {
        changes.push({ key: row[key], from: value, to: box.seal(value, purpose), plaintext: true });
        continue;
      }
      let resealed: string | null;
      try {
        resealed = box.reseal(value, purpose);
      } catch {
        count.unreadable++;
        report.unreadable.push({ kind: spec.kind, table, key: row[key] });
        continue;
      }
      if (resealed === null) count.current++;
      else changes.push({ key: row[key], from: value, to: resealed, plaintext: false });
    }

    if (dryRun) {
      for (const change of changes) count[change.plaintext ? 'sealedPlaintext' : 'resealed']++;
    } else if (changes.length > 0) {
      await db.transaction().execute(async (trx) => {
        for (const change of changes) {
          const result = await trx.updateTable(table).set({ [column]: change.to })
            .where(key, '=', change.key).where(column, '=', change.from).executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0) count.changedMeanwhile++;
          else count[change.plaintext ? 'sealedPlaintext' : 'resealed']++;
        }
      });
    }
    if (rows.length < BATCH) break;
  }
  return count;
}
