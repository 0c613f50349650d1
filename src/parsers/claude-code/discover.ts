import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { listDir, sourceOf } from '../shared/discover-fs.js';
import type { DiscoveredSource, DiscoverRoots } from '../types.js';
import { sessionIdOfFile, withMetaFiles } from './parts.js';
import { isAgentFile, isJsonl, projectRoots, stemOf } from './paths.js';

const TOOL = 'claude-code';

interface ProjectDir {
  mains: string[];
  siblings: string[];
  sessionDirs: string[];
}

async function readProjectDir(dir: string): Promise<ProjectDir> {
  const out: ProjectDir = { mains: [], siblings: [], sessionDirs: [] };
  for (const e of await listDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.sessionDirs.push(p);
    else if (isAgentFile(e.name)) out.siblings.push(p);
    else if (isJsonl(e.name)) out.mains.push(p);
  }
  return out;
}

async function agentFilesIn(sessionDir: string): Promise<string[]> {
  const sub = join(sessionDir, 'subagents');
  return (await listDir(sub))
    .filter((e) => !e.isDirectory() && isAgentFile(e.name))
    .map((e) => join(sub, e.name))
    .sort();
}

/**
 * Sources of one project directory: each main session with its subagent transcripts as
 * parts, and every subagent transcript whose session file is missing as its own source.
 */
async function projectSources(dir: string): Promise<DiscoveredSource[]> {
  const { mains, siblings, sessionDirs } = await readProjectDir(dir);
  const byStem = new Map(mains.map((m) => [stemOf(m), [] as string[]]));
  const orphans: string[] = [];
  const owners = await Promise.all(siblings.map(sessionIdOfFile));
  siblings.forEach((s, i) => {
    const parts = byStem.get(owners[i] ?? '');
    if (parts) parts.push(s);
    else orphans.push(s);
  });
  const agentLists = await Promise.all(sessionDirs.map(agentFilesIn));
  sessionDirs.forEach((d, i) => {
    const agents = agentLists[i] ?? [];
    const parts = byStem.get(stemOf(`${d}.jsonl`));
    if (parts) parts.push(...agents);
    else orphans.push(...agents);
  });
  const found = await Promise.all([
    ...mains.map(async (m) => sourceOf(TOOL, m, await withMetaFiles(byStem.get(stemOf(m)) ?? []))),
    ...orphans.map(async (o) => sourceOf(TOOL, o, (await withMetaFiles([o])).slice(1))),
  ]);
  return found.filter((s): s is DiscoveredSource => s !== undefined);
}

async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/** Claude Code transcripts under every configured `projects` root (one level of project dirs). */
export async function discoverClaudeCode(roots: DiscoverRoots): Promise<DiscoveredSource[]> {
  const seenRoots = new Set<string>();
  const out: DiscoveredSource[] = [];
  for (const root of projectRoots(roots)) {
    const real = await canonical(root);
    if (seenRoots.has(real)) continue; // ~/.config/claude is often a link to ~/.claude
    seenRoots.add(real);
    const projects = (await listDir(root)).filter((e) => e.isDirectory()).map((e) => join(root, e.name));
    for (const list of await Promise.all(projects.map(projectSources))) out.push(...list);
  }
  return out;
}
