// The parts of the Workers runtime's D1 and R2 bindings this Worker uses, declared structurally so
// the code type-checks with the main toolchain (no @cloudflare/workers-types in the root package).

export type D1Value = string | number | boolean | null | ArrayBuffer | ArrayBufferView;

export interface D1Meta {
  changes: number;
  last_row_id: number;
}

export interface D1Result<T = Record<string, unknown>> {
  results: T[];
  meta: D1Meta;
}

export interface D1PreparedStatement {
  bind(...values: D1Value[]): D1PreparedStatement;
  all<T = Record<string, unknown>>(): Promise<D1Result<T>>;
}

export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  /** Runs the statements as one SQL transaction: all of them or none. */
  batch<T = Record<string, unknown>>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
}

export interface R2ObjectBody {
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface R2Bucket {
  put(key: string, value: ArrayBuffer | ArrayBufferView): Promise<unknown>;
  get(key: string): Promise<R2ObjectBody | null>;
  delete(key: string): Promise<void>;
}

/** What wrangler.toml binds, plus secrets and vars (all strings). */
export interface WorkerEnv {
  DB: D1Database;
  BODIES: R2Bucket;
  [name: string]: unknown;
}
