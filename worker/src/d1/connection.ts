import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import type { D1Database, D1PreparedStatement, D1Result, D1Value } from '../bindings.js';
import { D1ConflictError, translateD1Error } from './errors.js';
import { inlineParameters } from './sql-literals.js';

/**
 * D1 has no interactive transactions (BEGIN is refused); its only atomic unit is a batch of
 * statements. So a transaction here runs its reads at once and keeps its writes, then commits
 * them as one batch headed by a guard on `tx_version`, a counter every commit bumps: if another
 * transaction committed since this one first read, the guard fails, the batch rolls back whole and
 * the commit throws D1ConflictError (optimistic concurrency; the caller runs the transaction again).
 */
export const TX_VERSION_DDL = [
  `CREATE TABLE tx_version (
  id integer PRIMARY KEY CHECK (id = 1),
  n integer NOT NULL CONSTRAINT tx_version_current CHECK (n >= 0))`,
  'INSERT INTO tx_version (id, n) VALUES (1, 0)',
];
const READ_VERSION = 'SELECT n FROM tx_version WHERE id = 1';
const BUMP = 'UPDATE tx_version SET n = n + 1 WHERE id = 1';
// A stale version makes n negative, which the CHECK refuses: that failure aborts the batch.
const BUMP_IF_CURRENT = 'UPDATE tx_version SET n = CASE WHEN n = ? THEN n + 1 ELSE -1 END WHERE id = 1';

interface OpenTransaction {
  /** tx_version as of the first read; undefined until the transaction reads. */
  version?: number;
  writes: D1PreparedStatement[];
}

const isRead = (q: CompiledQuery): boolean =>
  q.query.kind === 'SelectQueryNode' || (q.query.kind === 'RawNode' && /^\s*(select|with)\b/i.test(q.sql));

const hasReturning = (q: CompiledQuery): boolean =>
  q.query.kind === 'RawNode' ? /\breturning\b/i.test(q.sql) : 'returning' in q.query && q.query.returning !== undefined;

function bindable(v: unknown): D1Value {
  if (typeof v === 'bigint') return Number(v);
  if (v === undefined) return null;
  return v as D1Value;
}

function toResult<R>(q: CompiledQuery, r: D1Result): QueryResult<R> {
  const rows = r.results as R[];
  if (isRead(q)) return { rows };
  return { rows, numAffectedRows: BigInt(r.meta.changes), insertId: BigInt(r.meta.last_row_id) };
}

export class D1Connection implements DatabaseConnection {
  #tx: OpenTransaction | undefined;

  constructor(
    private readonly d1: D1Database,
    private readonly maxParameters: number,
  ) {}

  #prepare(q: CompiledQuery): D1PreparedStatement {
    if (q.parameters.length > this.maxParameters) return this.d1.prepare(inlineParameters(q.sql, q.parameters));
    return this.d1.prepare(q.sql).bind(...q.parameters.map(bindable));
  }

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const tx = this.#tx;
    try {
      if (!tx) return toResult(q, await this.#prepare(q).all());
      if (isRead(q)) return toResult(q, await this.#readInTransaction(tx, q));
    } catch (e) {
      throw translateD1Error(e);
    }
    if (hasReturning(q))
      throw new Error('RETURNING inside a transaction is not supported on D1 (writes run at commit)');
    tx.writes.push(this.#prepare(q));
    return { rows: [] };
  }

  async #readInTransaction(tx: OpenTransaction, q: CompiledQuery): Promise<D1Result> {
    if (tx.writes.length > 0)
      throw new Error('a D1 transaction cannot read after writing: its writes only happen at commit');
    if (tx.version !== undefined) return this.#prepare(q).all();
    const [version, rows] = await this.d1.batch([this.d1.prepare(READ_VERSION), this.#prepare(q)]);
    tx.version = Number((version?.results[0] as { n: number } | undefined)?.n ?? 0);
    return rows as D1Result;
  }

  // biome-ignore lint/correctness/useYield: D1 returns whole results; Kysely's streaming API is not offered
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on D1');
  }

  begin(): void {
    if (this.#tx) throw new Error('D1 transactions do not nest');
    this.#tx = { writes: [] };
  }

  async commit(): Promise<void> {
    const tx = this.#tx;
    this.#tx = undefined;
    if (!tx || tx.writes.length === 0) return;
    const guard = tx.version === undefined ? this.d1.prepare(BUMP) : this.d1.prepare(BUMP_IF_CURRENT).bind(tx.version);
    try {
      await this.d1.batch([guard, ...tx.writes]);
    } catch (e) {
      if (e instanceof Error && e.message.includes('tx_version_current'))
        throw new D1ConflictError('another transaction committed first', { cause: e });
      throw translateD1Error(e);
    }
  }

  rollback(): void {
    this.#tx = undefined;
  }
}
