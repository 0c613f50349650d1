import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listDir, sourceOf, xdgData } from '../shared/discover-fs.js';
import { readIdSet } from '../shared/sqlite.js';
import type { DiscoveredSource, DiscoverRoots } from '../types.js';

/** Goose's data dir per platform (etcetera's app strategy), or under GOOSE_PATH_ROOT when set. */
function sessionDirs(r: DiscoverRoots): string[] {
  const dirs = [
    join(xdgData(r), 'goose', 'sessions'),
    join(r.home, 'Library', 'Application Support', 'Block.goose', 'sessions'),
  ];
  if (r.env.APPDATA) dirs.push(join(r.env.APPDATA, 'Block', 'goose', 'data', 'sessions'));
  if (r.env.GOOSE_PATH_ROOT) dirs.unshift(join(r.env.GOOSE_PATH_ROOT, 'data', 'sessions'));
  return [...new Set(dirs)];
}

async function dirSources(dir: string): Promise<(DiscoveredSource | undefined)[]> {
  const db = join(dir, 'sessions.db');
  // Goose imports the legacy JSONL files into sessions.db and may leave them behind.
  const inStore = readIdSet(db, 'SELECT id FROM sessions');
  const jsonl = (await listDir(dir))
    .filter((e) => e.isFile() && e.name.endsWith('.jsonl') && !inStore.has(basename(e.name, '.jsonl')))
    .map((e) => join(dir, e.name))
    .sort();
  const wal = `${db}-wal`;
  return Promise.all([
    sourceOf('goose', db, existsSync(wal) ? [wal] : undefined),
    ...jsonl.map((p) => sourceOf('goose', p)),
  ]);
}

/** sessions.db plus the legacy per-session JSONL files it does not already hold. */
export async function discoverGoose(roots: DiscoverRoots): Promise<DiscoveredSource[]> {
  const all = await Promise.all(sessionDirs(roots).map(dirSources));
  return all.flat().filter((s): s is DiscoveredSource => s !== undefined);
}
