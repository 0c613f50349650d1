import { join } from 'node:path';
import { editorUserDirs, listDir, sourceOf } from '../shared/discover-fs.js';
import type { DiscoveredSource, DiscoverRoots } from '../types.js';
import { API_HISTORY, TASK_SIDE_FILES, UI_MESSAGE_FILES } from './task-files.js';
import { CLINE, type ClineVariant } from './variants.js';

/** VS Code family apps whose globalStorage may hold the extension (desktop installs). */
const EDITOR_APPS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'];

/** Remote / server installs keep a user dir under the home without the app folder layout. */
const REMOTE_USER_DIRS = [
  ['.vscode-server', 'data', 'User'],
  ['.vscode-server-insiders', 'data', 'User'],
  ['.cursor-server', 'data', 'User'],
  ['.windsurf-server', 'data', 'User'],
];

/** The Cline CLI keeps tasks in `$CLINE_DATA_DIR` or `$CLINE_DIR/data` (default `~/.cline/data`). */
export function clineCliDataDir(r: DiscoverRoots): string {
  if (r.env.CLINE_DATA_DIR) return r.env.CLINE_DATA_DIR;
  return join(r.env.CLINE_DIR || join(r.home, '.cline'), 'data');
}

/** Directories holding a `tasks/` folder for this variant. */
export function storageRoots(r: DiscoverRoots, v: ClineVariant): string[] {
  const userDirs = [
    ...EDITOR_APPS.flatMap((app) => editorUserDirs(r, app)),
    ...REMOTE_USER_DIRS.map((parts) => join(r.home, ...parts)),
  ];
  const roots = userDirs.flatMap((u) => v.extensionIds.map((id) => join(u, 'globalStorage', id)));
  if (v === CLINE) roots.push(clineCliDataDir(r));
  return roots;
}

/** One source per task: its API history when present, else its UI messages; the rest are parts. */
async function taskSource(v: ClineVariant, taskDir: string): Promise<DiscoveredSource | undefined> {
  const candidates = [API_HISTORY, ...UI_MESSAGE_FILES];
  for (const [i, name] of candidates.entries()) {
    const sidePaths = [...candidates.slice(i + 1), ...TASK_SIDE_FILES].map((n) => join(taskDir, n));
    const sides = (await Promise.all(sidePaths.map((p) => sourceOf(v.tool, p)))).flatMap((s) => (s ? [s.path] : []));
    const src = await sourceOf(v.tool, join(taskDir, name), sides);
    if (src) return src;
  }
  return undefined;
}

export async function discoverTasks(r: DiscoverRoots, v: ClineVariant): Promise<DiscoveredSource[]> {
  const out: DiscoveredSource[] = [];
  for (const root of storageRoots(r, v)) {
    const tasksDir = join(root, 'tasks');
    for (const ent of await listDir(tasksDir)) {
      if (!ent.isDirectory()) continue;
      const src = await taskSource(v, join(tasksDir, ent.name));
      if (src) out.push(src);
    }
  }
  return out;
}
