import { join } from 'node:path';
import { listDir, sourceOf } from '../shared/discover-fs.js';
import type { DiscoveredSource, DiscoverRoots } from '../types.js';

/** `~/.gemini`, or `$GEMINI_CLI_HOME/.gemini` (Gemini CLI's own override of the home it uses). */
export const geminiDir = (r: DiscoverRoots): string => join(r.env.GEMINI_CLI_HOME || r.home, '.gemini');

const CHAT = /^session-.*\.jsonl?$/;

/**
 * When Gemini CLI resumes a `session-x.json` it continues it as `session-x.jsonl`, leaving
 * the old file behind: the .jsonl holds everything, so the .json is skipped.
 */
function chatFiles(names: string[]): string[] {
  const all = new Set(names.filter((n) => CHAT.test(n)));
  return [...all].filter((n) => !(n.endsWith('.json') && all.has(`${n}l`))).sort();
}

async function projectSources(dir: string): Promise<DiscoveredSource[]> {
  const out: Promise<DiscoveredSource | undefined>[] = [];
  const entries = await listDir(dir);
  for (const e of entries) {
    if (e.isFile() && (e.name === 'logs.json' || /^checkpoint-.+\.json$/.test(e.name)))
      out.push(sourceOf('gemini', join(dir, e.name)));
  }
  const chats = join(dir, 'chats');
  const chatEntries = await listDir(chats);
  const subdirs = new Set(chatEntries.filter((e) => e.isDirectory()).map((e) => e.name));
  for (const name of chatFiles(chatEntries.filter((e) => e.isFile()).map((e) => e.name))) {
    out.push(chatSource(chats, name, subdirs));
  }
  return (await Promise.all(out)).filter((s): s is DiscoveredSource => s !== undefined);
}

/** A chat file, with its subagent transcripts (`chats/<sessionId>/*.jsonl`) as parts. */
async function chatSource(chats: string, name: string, subdirs: Set<string>): Promise<DiscoveredSource | undefined> {
  const short = /-([0-9a-zA-Z]{8})\.jsonl?$/.exec(name)?.[1];
  const dir = short ? [...subdirs].find((d) => d.startsWith(short)) : undefined;
  const parts = dir
    ? (await listDir(join(chats, dir)))
        .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
        .map((e) => join(chats, dir, e.name))
    : [];
  return sourceOf('gemini', join(chats, name), parts);
}

/** Chats, prompt logs and checkpoints of every project under `~/.gemini/tmp/`. */
export async function discoverGemini(r: DiscoverRoots): Promise<DiscoveredSource[]> {
  const tmp = join(geminiDir(r), 'tmp');
  const projects = (await listDir(tmp)).filter((e) => e.isDirectory()).map((e) => join(tmp, e.name));
  return (await Promise.all(projects.map(projectSources))).flat().sort((a, b) => a.path.localeCompare(b.path));
}
