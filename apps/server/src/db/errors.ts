/**
 * Whether a database error is a unique-constraint violation (PostgreSQL `23505`, SQLite
 * `SQLITE_CONSTRAINT_UNIQUE` or `…_PRIMARYKEY`): another transaction committed the same key
 * first, and the work may be run again to see it.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
