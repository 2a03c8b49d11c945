/** The disclosure ledger's columns, for the statements that name each one (both append paths). */
import type { DisclosureLedgerTable } from '../../db/schema-parts/privacy.js';

/**
 * A ledger row's columns besides its position, with their PostgreSQL types (migration 010). A
 * Record of every column, so one added to the table cannot be left out of the appends.
 */
export const ENTRY_COLUMN_TYPES = {
  at: 'text',
  school_id: 'bigint',
  board_id: 'bigint',
  publisher_id: 'bigint',
  subject_kind: 'text',
  subject_id: 'bigint',
  attributes: 'text',
  channel: 'text',
  recipient: 'text',
  agreement_id: 'bigint',
  prev_hash: 'text',
  hash: 'text',
} as const satisfies Record<Exclude<keyof DisclosureLedgerTable, 'seq'>, 'text' | 'bigint'>;
export const ENTRY_COLUMNS = Object.keys(ENTRY_COLUMN_TYPES) as Array<keyof typeof ENTRY_COLUMN_TYPES>;
