// D1 refuses statements with more than 100 bound parameters (SQLite itself allows thousands), yet
// the server's queries grow with their input (`IN (…)` lists, multi-row inserts). Past the limit
// the values are written into the SQL text as literals instead: same statement, no bindings.

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const bytesOf = (v: ArrayBuffer | ArrayBufferView): Uint8Array =>
  v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

/** One value as an SQLite literal that reads back as exactly that value. */
export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as an SQL literal`);
    return String(v);
  }
  if (typeof v === 'string') {
    // A NUL would end the statement text early; a hex blob cast to text carries it intact.
    if (v.includes('\0')) return `CAST(X'${hex(new TextEncoder().encode(v))}' AS TEXT)`;
    return `'${v.replaceAll("'", "''")}'`;
  }
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return `X'${hex(bytesOf(v))}'`;
  throw new Error(`cannot write a ${Object.prototype.toString.call(v)} as an SQL literal`);
}

/** The character that closes a quoted run opened by `open`, if `open` opens one. */
const CLOSERS: Record<string, string> = { "'": "'", '"': '"', '`': '`', '[': ']' };

/** The index just past the first `token` at or after `from`; the end of the text when there is none. */
function after(sql: string, token: string, from: number): number {
  const at = sql.indexOf(token, from);
  return at < 0 ? sql.length : at + token.length;
}

/**
 * Replaces each `?` placeholder with its parameter as a literal. Placeholders inside quoted
 * strings, quoted identifiers and comments are text, not parameters, and are left alone.
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const closer = CLOSERS[ch];
    let end = i + 1;
    if (closer) end = after(sql, closer, i + 1);
    else if (sql.startsWith('--', i)) end = after(sql, '\n', i + 2);
    else if (sql.startsWith('/*', i)) end = after(sql, '*/', i + 2);
    else if (ch === '?') {
      if (next >= parameters.length) throw new Error('more placeholders than parameters');
      out += sqlLiteral(parameters[next++]);
      i++;
      continue;
    }
    out += sql.slice(i, end);
    i = end;
  }
  if (next !== parameters.length) throw new Error(`${parameters.length} parameters for ${next} placeholders`);
  return out;
}
