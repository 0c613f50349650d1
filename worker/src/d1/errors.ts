/** A transaction read data that another one changed before it committed; running it again is safe. */
export class D1ConflictError extends Error {
  override name = 'D1ConflictError';
}

/** An error from D1 carrying the SQLite result code, as better-sqlite3's errors do (`code`). */
export class D1QueryError extends Error {
  override name = 'D1QueryError';
  constructor(
    message: string,
    readonly code: string | undefined,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * D1 reports SQLite's code only inside the message ("…: SQLITE_CONSTRAINT (extended:
 * SQLITE_CONSTRAINT_UNIQUE)"); the server recognises errors by code, so lift it out.
 */
function sqliteCode(message: string): string | undefined {
  const extended = /\(extended: (SQLITE_[A-Z_]+)\)/.exec(message)?.[1];
  if (extended) return extended;
  if (/UNIQUE constraint failed/.test(message)) return 'SQLITE_CONSTRAINT_UNIQUE';
  return /\b(SQLITE_[A-Z_]+)\b/.exec(message)?.[1];
}

export function translateD1Error(e: unknown): Error {
  if (!(e instanceof Error)) return new Error(String(e));
  return new D1QueryError(e.message, sqliteCode(e.message), { cause: e });
}
