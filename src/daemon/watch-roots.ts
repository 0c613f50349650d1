import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { projectRoots as claudeProjectRoots } from '../parsers/claude-code/paths.js';
import { codexHome } from '../parsers/codex/discover.js';
import { geminiDir } from '../parsers/gemini/discover.js';
import type { DiscoveredSource, DiscoverRoots } from '../parsers/types.js';

/** Tool -> paths to watch (directories, watched recursively, or single files). */
export type WatchTargets = Map<string, string[]>;

/** Where tools create new sessions' directories: watched even before the first session exists. */
function knownRoots(tool: string, roots: DiscoverRoots): string[] {
  if (tool === 'claude-code') return claudeProjectRoots(roots);
  if (tool === 'codex') return [`${codexHome(roots)}${sep}sessions`];
  if (tool === 'gemini') return [`${geminiDir(roots)}${sep}tmp`];
  return [];
}

const isInside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

function commonAncestor(dirs: readonly string[]): string {
  let common = dirs[0] ?? sep;
  for (const d of dirs.slice(1)) while (!isInside(d, common)) common = dirname(common);
  return common;
}

/**
 * A directory safe to watch recursively: a tool's own data directory, never the home itself,
 * a parent of it, or a plain folder in it (where project trees with node_modules live).
 */
function safeToWatch(dir: string, home: string): boolean {
  if (isInside(home, dir)) return false;
  if (!isInside(dir, home)) return dir.split(sep).filter(Boolean).length >= 2;
  const first = relative(home, dir).split(sep)[0] ?? '';
  return first.startsWith('.') || first === 'Library' || first === 'AppData';
}

/** Drops paths inside another path of the list. */
function outermost(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of sorted) if (!out.some((o) => isInside(p, o))) out.push(p);
  return out.sort();
}

/**
 * What to watch for each tool: the directory holding all its sources when that is a tool's
 * own data directory, else the source files themselves (Aider keeps histories in project
 * roots); plus the directories where the tool creates new sessions. Sources that appear
 * elsewhere later are picked up by the daemon's periodic rescan.
 */
export function watchTargets(
  sources: readonly DiscoveredSource[],
  tools: readonly string[],
  roots: DiscoverRoots,
): WatchTargets {
  const out: WatchTargets = new Map();
  for (const tool of tools) {
    const files = sources.filter((s) => s.tool === tool).flatMap((s) => [s.path, ...(s.parts ?? [])]);
    const known = knownRoots(tool, roots).filter((p) => existsSync(p));
    let targets: string[] = [];
    if (files.length > 0) {
      const common = commonAncestor(files.map((f) => dirname(f)));
      targets = safeToWatch(common, roots.home) ? [common] : files;
    }
    const all = outermost([...targets, ...known]);
    if (all.length > 0) out.set(tool, all);
  }
  return out;
}
