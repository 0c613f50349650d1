import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { WRITE_NOTIFY_TABLES, WRITES_CHANNEL } from './migrations.js';

export interface PgWriteVersionOptions {
  /** How often the listening connection must answer a query (it is replaced when it does not). */
  heartbeatMs?: number;
  /** Wait before connecting again after the listening connection failed. */
  retryMs?: number;
}

export type ProblemReporter = (message: string, error: Error) => void;

const HEARTBEAT_MS = 5_000;
const RETRY_MS = 1_000;
/** The listening connection's application_name (pg_stat_activity). */
export const LISTENER_NAME = 'opensession-writes';

/**
 * A data version for PostgreSQL (see Database.dataVersion): a counter moved by
 * - every notification on WRITES_CHANNEL, which the triggers of migration 0004 send when a
 *   transaction that changed a cached table commits, through any connection of any instance;
 * - every write through this process, when its connection goes back to the pool (after the
 *   commit, before the caller goes on: its own next read never sees an older value);
 * - every loss and regain of the listening connection.
 * While not listening there is no version, so nothing is cached. A value cached here may
 * therefore outlive a write made through another instance by the notification's delay (the
 * commit, then the message on the listening connection, then this event loop reading it); when
 * the listening connection dies without a word, by at most two heartbeats (the interval, then
 * the unanswered query's timeout).
 */
export class PgWriteVersion {
  private counter = 0;
  private listening = false;
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private report: ProblemReporter = () => {};
  /** Reported once per outage, not on every retry. */
  private reported = false;
  private readonly heartbeatMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly config: pg.ClientConfig,
    opts: PgWriteVersionOptions = {},
  ) {
    this.heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
    this.retryMs = opts.retryMs ?? RETRY_MS;
  }

  /** The current version, or undefined while writes elsewhere could go unnoticed. */
  version(): string | undefined {
    return this.listening ? String(this.counter) : undefined;
  }

  /** A write through this process committed (or may have). */
  bump(): void {
    this.counter++;
  }

  /**
   * Starts listening; resolves once it listens, or after a first failure (reported, then retried
   * in the background: until it listens, nothing is cached).
   */
  async start(report: ProblemReporter): Promise<void> {
    if (this.heartbeat || this.closed) return;
    this.report = report;
    this.heartbeat = setInterval(() => this.checkAlive(), this.heartbeatMs);
    this.heartbeat.unref();
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.retry);
    const client = this.client;
    this.drop();
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      ...this.config,
      application_name: LISTENER_NAME,
      keepAlive: true,
      query_timeout: this.heartbeatMs,
    });
    this.client = client;
    client.on('notification', (n) => {
      if (n.channel === WRITES_CHANNEL) this.counter++;
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${WRITES_CHANNEL}`);
      await assertTriggers(client);
    } catch (e) {
      this.lost(client, e as Error);
      return;
    }
    if (this.client !== client) return;
    // Writes committed before LISTEN took effect were never notified: start a new version.
    this.counter++;
    this.listening = true;
    this.reported = false;
  }

  private checkAlive(): void {
    const client = this.client;
    if (!client || !this.listening) return;
    client.query('SELECT 1').catch((e: Error) => this.lost(client, e));
  }

  private drop(): void {
    this.client = undefined;
    this.listening = false;
    this.counter++;
  }

  /** The listening connection failed: stop caching, close it, connect again later. */
  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.drop();
    client.end().catch(() => {});
    if (this.closed) return;
    if (!this.reported) this.report('not listening for PostgreSQL writes; caching is off until it is', error);
    this.reported = true;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
  }
}

/** Without the triggers nothing would ever be notified: refuse to listen (and so to cache). */
async function assertTriggers(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_trigger
      WHERE tgname = $1 AND tgrelid IN (SELECT to_regclass(t) FROM unnest($2::text[]) t)`,
    [WRITES_CHANNEL, WRITE_NOTIFY_TABLES],
  );
  if (rows[0]?.n !== WRITE_NOTIFY_TABLES.length)
    throw new Error(`the ${WRITES_CHANNEL} triggers are missing (run the migrations)`);
}

// Statements that leave the data as it was; any other (INSERT, UPDATE, DELETE, DDL…) counts as a write.
const READ_ONLY = new Set(['SELECT', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'SHOW', 'SET', 'LISTEN']);

const wroteIn = (result: unknown): boolean =>
  (Array.isArray(result) ? result : [result]).some(
    (r) => !READ_ONLY.has((r as { command?: string } | undefined)?.command ?? ''),
  );

/**
 * The pool as Kysely uses it, calling `onWrite` whenever a connection that ran a write goes back
 * to the pool: after its transaction committed (Kysely releases a connection last).
 */
export function trackWrites(pool: pg.Pool, onWrite: () => void): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let wrote = false;
      const query = (...args: unknown[]) => {
        // biome-ignore lint/suspicious/noExplicitAny: forwards both of pg's query overloads
        const r = (client.query as (...a: unknown[]) => any)(...args);
        if (typeof r?.then !== 'function') return r;
        return r.then((result: unknown) => {
          if (wroteIn(result)) wrote = true;
          return result;
        });
      };
      return {
        query: query as PostgresPoolClient['query'],
        release(destroy?: boolean) {
          client.release(destroy);
          if (wrote) onWrite();
        },
      };
    },
    end: () => pool.end(),
  };
}
