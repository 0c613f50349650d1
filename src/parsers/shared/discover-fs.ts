import { type Dirent, type Stats, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiscoveredSource, DiscoverRoots, ToolName } from '../types.js';

/** Entries of a directory; empty when it is missing or unreadable (discovery never throws). */
export async function listDir(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Files under `dir` whose name matches, at most `maxDepth` directories down. Bounded on
 * purpose: discovery looks only where a tool keeps its files, never walks a whole home.
 */
export async function findFiles(dir: string, match: (name: string) => boolean, maxDepth = 4): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string, depth: number): Promise<void> {
    for (const ent of await listDir(d)) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) {
        if (depth < maxDepth) await walk(p, depth + 1);
      } else if ((ent.isFile() || ent.isSymbolicLink()) && match(ent.name)) out.push(p);
    }
  }
  await walk(dir, 0);
  return out.sort();
}

/**
 * stat, or undefined when the path is missing or unreadable. Synchronous on purpose: a warm
 * index run stats every session file (10,000+), and a cached-metadata stat costs a few
 * microseconds where a thread-pool round trip per file costs 3x more in total.
 */
export function statQuiet(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** A DiscoveredSource for `path` (size/mtime from stat), or undefined when it vanished. */
export async function sourceOf(tool: ToolName, path: string, parts?: string[]): Promise<DiscoveredSource | undefined> {
  const st = statQuiet(path);
  if (!st?.isFile()) return undefined;
  return { tool, path, size: st.size, mtimeMs: st.mtimeMs, ...(parts?.length ? { parts } : {}) };
}

export async function sourcesOf(tool: ToolName, paths: readonly string[]): Promise<DiscoveredSource[]> {
  const all = await Promise.all(paths.map((p) => sourceOf(tool, p)));
  return all.filter((s): s is DiscoveredSource => s !== undefined);
}

/** `$XDG_DATA_HOME` or `~/.local/share`; `$XDG_CONFIG_HOME` or `~/.config`. */
export const xdgData = (r: DiscoverRoots): string => r.env.XDG_DATA_HOME || join(r.home, '.local', 'share');
export const xdgConfig = (r: DiscoverRoots): string => r.env.XDG_CONFIG_HOME || join(r.home, '.config');

/** VS Code-family user dirs (Code, Cursor, Windsurf...) on Linux, macOS and Windows. */
export function editorUserDirs(r: DiscoverRoots, app: string): string[] {
  const dirs = [join(xdgConfig(r), app, 'User'), join(r.home, 'Library', 'Application Support', app, 'User')];
  if (r.env.APPDATA) dirs.push(join(r.env.APPDATA, app, 'User'));
  return dirs;
}
