/**
 * A Map that forgets its oldest entries past `limit`: the lookups a resumable parser keeps
 * (tool names, chain membership) only ever need the recent past, and the state must stay small.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    if (this.size > this.limit) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return this;
  }

  static from<K, V>(limit: number, entries: Iterable<readonly [K, V]>): BoundedMap<K, V> {
    const m = new BoundedMap<K, V>(limit);
    for (const [k, v] of entries) m.set(k, v);
    return m;
  }
}

/** The last `n` items of an iterable (insertion order), for serializing bounded state. */
export function lastOf<T>(items: Iterable<T>, n: number): T[] {
  const all = Array.from(items);
  return all.length > n ? all.slice(all.length - n) : all;
}
