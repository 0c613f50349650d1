import type { Database } from './schema.js';

/**
 * Values derived from the database, kept while its data version (see Database.dataVersion) is
 * unchanged: any committed write, through this instance or another connection, drops them all
 * (on PostgreSQL once its notification arrives). Where the database has no data version at the
 * moment, nothing is kept and every get builds.
 */
export interface VersionedCache<T> {
  /** The value under `key`, from `build` when not kept (an undefined result is not kept). */
  get<R extends T | undefined>(database: Database, key: string, build: () => Promise<R>): Promise<R>;
}

interface Generation<T> {
  version: string;
  values: Map<string, T>;
  weight: number;
}

/** A cache holding at most `maxWeight` (values weigh `weigh(v)`), least recently used out first. */
export function versionedCache<T>(maxWeight: number, weigh: (value: T) => number): VersionedCache<T> {
  const generations = new WeakMap<Database, Generation<T>>();

  function current(database: Database, version: string): Generation<T> {
    let gen = generations.get(database);
    if (gen?.version !== version) {
      gen = { version, values: new Map(), weight: 0 };
      generations.set(database, gen);
    }
    return gen;
  }

  function keep(gen: Generation<T>, key: string, value: T): void {
    const w = weigh(value);
    if (w > maxWeight / 4 || gen.values.has(key)) return;
    gen.values.set(key, value);
    gen.weight += w;
    // Map iterates in insertion order and a hit re-inserts: the first are the least recent.
    for (const [oldKey, old] of gen.values) {
      if (gen.weight <= maxWeight) break;
      gen.values.delete(oldKey);
      gen.weight -= weigh(old);
    }
  }

  return {
    async get<R extends T | undefined>(database: Database, key: string, build: () => Promise<R>): Promise<R> {
      const version = database.dataVersion?.();
      if (version === undefined) return build();
      const gen = current(database, version);
      const hit = gen.values.get(key);
      if (hit !== undefined) {
        gen.values.delete(key);
        gen.values.set(key, hit);
        return hit as R;
      }
      const value = await build();
      // Read at `version` or later: keep it only when nothing was written in between.
      if (value !== undefined && database.dataVersion?.() === version && generations.get(database) === gen)
        keep(gen, key, value);
      return value;
    },
  };
}
