import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexPath, openIndex } from '../src/store/db.js';
import { indexSources } from '../src/store/indexer.js';
import { generateHistory } from './gen/generate.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = resolve(REPO, '..', 'shared', 'corpus');
const CACHE = join(REPO, 'bench', '.cache');

/**
 * A data dir holding the index (and archive) of a generated history of `sessions` sessions,
 * built once and kept in bench/.cache. A marker file is written last, so an interrupted build
 * is redone rather than measured.
 */
export async function generatedIndex(sessions: number, log: (line: string) => void): Promise<string> {
  const dataDir = join(CACHE, `tui-data-${sessions}`);
  const done = join(dataDir, 'complete');
  if (existsSync(done)) return dataDir;
  const home = join(CACHE, `tui-home-${sessions}`);
  rmSync(home, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  let t = performance.now();
  const gen = generateHistory({ home, sessions, corpus: CORPUS });
  log(
    `generated ${gen.files} files (${(gen.bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  t = performance.now();
  const db = openIndex(indexPath(dataDir));
  try {
    const summary = await indexSources({ db, dataDir, roots: { home, env: {}, platform: 'linux' } });
    log(`indexed ${summary.totals.sessions} sessions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    db.close();
  }
  // The archive holds every session now; the generated history is no longer needed.
  rmSync(home, { recursive: true, force: true });
  writeFileSync(done, '');
  return dataDir;
}
