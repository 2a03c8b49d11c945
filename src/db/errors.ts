/** Recognise constraint violations from either driver, so callers can map them to typed errors. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  // better-sqlite3: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; pg: SQLSTATE 23505.
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

/** A row still referenced elsewhere, or a value that clashes: any constraint the statement broke. */
export function isConstraintViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  // better-sqlite3: SQLITE_CONSTRAINT_*; pg: SQLSTATE class 23 (integrity constraint violation).
  return typeof e?.code === 'string' && (e.code.startsWith('SQLITE_CONSTRAINT') || /^23\d{3}$/.test(e.code));
}
