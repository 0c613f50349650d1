import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, indexPath, openIndex } from '../../src/store/db.js';

export interface TempIndex {
  /** A fake home with an empty `hail/` folder (where hailDirParser looks). */
  home: string;
  dataDir: string;
  db: Db;
}

/** A fresh home and local index in a temp dir; {@link dropTempIndex} removes both. */
export function makeTempIndex(prefix: string): TempIndex {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const dataDir = join(home, 'data');
  mkdirSync(join(home, 'hail'));
  return { home, dataDir, db: openIndex(indexPath(dataDir)) };
}

export function dropTempIndex(t: Pick<TempIndex, 'home' | 'db'>): void {
  t.db.close();
  rmSync(t.home, { recursive: true, force: true });
}
