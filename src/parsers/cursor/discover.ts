import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { editorUserDirs, listDir, sourceOf } from '../shared/discover-fs.js';
import type { DiscoveredSource, DiscoverRoots } from '../types.js';
import { subagentFiles } from './transcript-session.js';

const subdirs = async (dir: string): Promise<string[]> =>
  (await listDir(dir)).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));

/** A state.vscdb with its WAL as a part (recent writes may sit there). */
function dbSource(path: string): Promise<DiscoveredSource | undefined> {
  const wal = `${path}-wal`;
  return sourceOf('cursor', path, existsSync(wal) ? [wal] : undefined);
}

function vscdbPaths(r: DiscoverRoots): Promise<string[][]> {
  return Promise.all(
    editorUserDirs(r, 'Cursor').map(async (user) => [
      join(user, 'globalStorage', 'state.vscdb'),
      ...(await subdirs(join(user, 'workspaceStorage'))).map((d) => join(d, 'state.vscdb')),
    ]),
  );
}

/** Transcripts: `agent-transcripts/<id>/<id>.jsonl` (current) and `agent-transcripts/<id>.jsonl` (earlier). */
async function transcriptPaths(home: string): Promise<string[]> {
  const projects = await subdirs(join(home, '.cursor', 'projects'));
  const lists = await Promise.all(
    projects.map(async (p) => {
      const dir = join(p, 'agent-transcripts');
      const entries = await listDir(dir);
      const flat = entries.filter((e) => e.isFile() && e.name.endsWith('.jsonl')).map((e) => join(dir, e.name));
      const nested = entries.filter((e) => e.isDirectory()).map((e) => join(dir, e.name, `${e.name}.jsonl`));
      return [...flat, ...nested.filter((f) => existsSync(f))];
    }),
  );
  return lists.flat().sort();
}

async function transcriptSource(path: string): Promise<DiscoveredSource | undefined> {
  return sourceOf('cursor', path, await subagentFiles(path));
}

/** Every state.vscdb (global and per workspace) and every agent transcript. */
export async function discoverCursor(roots: DiscoverRoots): Promise<DiscoveredSource[]> {
  const dbs = (await vscdbPaths(roots)).flat();
  const transcripts = await transcriptPaths(roots.home);
  const sources = await Promise.all([...dbs.map(dbSource), ...transcripts.map(transcriptSource)]);
  return sources.filter((s): s is DiscoveredSource => s !== undefined);
}
