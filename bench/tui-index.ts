import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexPath, openIndex } from '../src/store/db.js';
import { indexSources } from '../src/store/indexer.js';
import { CACHE, generatedHome } from './lib/history.js';

/**
 * A data dir holding the index (and archive) of the shared generated history of `sessions`
 * sessions, built once and kept in bench/.cache. A marker file is written last, so an
 * interrupted build is redone rather than measured.
 */
export async function generatedIndex(sessions: number, log: (line: string) => void): Promise<string> {
  const dataDir = join(CACHE, `tui-data-${sessions}`);
  const done = join(dataDir, 'complete');
  if (existsSync(done)) return dataDir;
  rmSync(dataDir, { recursive: true, force: true });
  const home = generatedHome(sessions, log);
  const t = performance.now();
  const db = openIndex(indexPath(dataDir));
  try {
    const summary = await indexSources({ db, dataDir, roots: { home, env: {}, platform: 'linux' } });
    log(`indexed ${summary.totals.sessions} sessions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    db.close();
  }
  writeFileSync(done, '');
  return dataDir;
}
