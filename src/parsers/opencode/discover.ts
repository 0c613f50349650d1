import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listDir, sourceOf, xdgData } from '../shared/discover-fs.js';
import { readIdSet } from '../shared/sqlite.js';
import type { DiscoveredSource, DiscoverRoots } from '../types.js';
import { fileLayout, jsonFilesIn } from './store-files.js';

const dirs = async (dir: string): Promise<string[]> =>
  (await listDir(dir)).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));

/** The database, with its WAL as a part: OpenCode's writes land there before a checkpoint. */
async function storeSource(db: string): Promise<DiscoveredSource | undefined> {
  const wal = `${db}-wal`;
  return sourceOf('opencode', db, existsSync(wal) ? [wal] : undefined);
}

/** A session file with its message and part files as parts: a change to any means re-reading it. */
async function sessionFileSource(path: string): Promise<DiscoveredSource | undefined> {
  const layout = fileLayout(path);
  if (!layout) return undefined;
  const messages = await jsonFilesIn(layout.messageDir);
  const parts = await Promise.all(messages.map((m) => jsonFilesIn(layout.partDir(basename(m, '.json')))));
  return sourceOf('opencode', path, [...messages, ...parts.flat()]);
}

async function sessionFiles(base: string): Promise<string[]> {
  const current = await Promise.all((await dirs(join(base, 'storage', 'session'))).map(jsonFilesIn));
  const projects = await dirs(join(base, 'project'));
  const legacy = await Promise.all(projects.map((p) => jsonFilesIn(join(p, 'storage', 'session', 'info'))));
  return [...current.flat(), ...legacy.flat()].filter((p) => fileLayout(p));
}

/** opencode.db plus the JSON-layout sessions it does not already hold. */
export async function discoverOpenCode(roots: DiscoverRoots): Promise<DiscoveredSource[]> {
  const base = join(xdgData(roots), 'opencode');
  const db = join(base, 'opencode.db');
  // OpenCode migrates its JSON storage into the database and keeps the files.
  const inStore = readIdSet(db, 'SELECT id FROM session');
  const files = (await sessionFiles(base)).filter((p) => !inStore.has(basename(p, '.json')));
  const sources = await Promise.all([storeSource(db), ...files.map(sessionFileSource)]);
  return sources.filter((s): s is DiscoveredSource => s !== undefined);
}
