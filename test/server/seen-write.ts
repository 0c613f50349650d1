import { vi } from 'vitest';
import type { Database } from '../../src/server/db/schema.js';

/**
 * Waits until `database` has seen a write made since its data version was `before`: at once on
 * SQLite (every commit moves it), once the commit's notification has arrived on PostgreSQL
 * (src/server/db/pg-write-version.ts). Fails when that never happens.
 */
export async function seenWrite(database: Database, before: string | undefined): Promise<void> {
  await vi.waitFor(
    () => {
      const now = database.dataVersion?.();
      if (now === undefined || now === before) throw new Error(`the data version is still ${String(before)}`);
    },
    { timeout: 10_000, interval: 5 },
  );
}
