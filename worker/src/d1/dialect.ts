import {
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  Kysely,
  type QueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type TransactionBuilder,
} from 'kysely';
import type { D1Database } from '../bindings.js';
import { D1Connection } from './connection.js';
import { D1ConflictError } from './errors.js';

/** D1's limit on bound parameters per statement. */
export const D1_MAX_PARAMETERS = 100;

export interface D1DialectOptions {
  database: D1Database;
  /** Statements with more parameters get them inlined as literals (tests lower it to exercise that). */
  maxParameters?: number;
}

/** One transaction at a time per isolate: they would only invalidate each other's reads. */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return ready;
  }
}

class D1Driver implements Driver {
  readonly #lock = new Lock();
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(private readonly opts: D1DialectOptions) {}

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new D1Connection(this.opts.database, this.opts.maxParameters ?? D1_MAX_PARAMETERS);
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    this.#releases.set(connection, await this.#lock.acquire());
    (connection as D1Connection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await (connection as D1Connection).commit();
    } finally {
      this.#release(connection);
    }
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as D1Connection).rollback();
    this.#release(connection);
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}

  #release(connection: DatabaseConnection): void {
    this.#releases.get(connection)?.();
    this.#releases.delete(connection);
  }
}

export class D1Dialect implements Dialect {
  constructor(private readonly opts: D1DialectOptions) {}
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new D1Driver(this.opts);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own dialects take Kysely<any> here
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

const MAX_ATTEMPTS = 8;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kysely over D1 whose `transaction().execute(fn)` runs fn again when another isolate committed
 * first (D1ConflictError). Safe because a transaction's callback only touches the database, and a
 * failed commit wrote nothing.
 */
export class D1Kysely<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    const builder = super.transaction();
    const once = builder.execute.bind(builder);
    builder.execute = async (callback) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(callback);
        } catch (e) {
          if (!(e instanceof D1ConflictError) || attempt >= MAX_ATTEMPTS) throw e;
          await pause(Math.random() * 5 * 2 ** attempt);
        }
      }
    };
    return builder;
  }
}
