import { join } from 'node:path';
import { editorUserDirs, listDir, sourcesOf, xdgData } from '../shared/discover-fs.js';
import type { DiscoveredSource, DiscoverRoots } from '../types.js';

const THREAD_FILE = /^T-[\w-]+\.json$/;

/** Before the CLI's shared store, the VS Code extension kept threads in its globalStorage. */
const LEGACY_APPS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'];

export function threadDirs(r: DiscoverRoots): string[] {
  const legacy = LEGACY_APPS.flatMap((app) => editorUserDirs(r, app)).map((u) =>
    join(u, 'globalStorage', 'sourcegraph.amp', 'threads3'),
  );
  return [join(xdgData(r), 'amp', 'threads'), ...legacy];
}

export async function discoverThreads(r: DiscoverRoots): Promise<DiscoveredSource[]> {
  const paths: string[] = [];
  for (const dir of threadDirs(r)) {
    for (const ent of await listDir(dir)) {
      if (ent.isFile() && THREAD_FILE.test(ent.name)) paths.push(join(dir, ent.name));
    }
  }
  return sourcesOf('amp', paths.sort());
}
