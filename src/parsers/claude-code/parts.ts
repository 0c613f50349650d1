import { basename, dirname, join } from 'node:path';
import { listDir, statQuiet } from '../shared/discover-fs.js';
import { readFirstBytes } from '../shared/sniff.js';
import { isAgentFile, isJsonl, metaPathOf, stemOf, subagentsDirOf } from './paths.js';

const SESSION_KEY = '"sessionId":"';
const UUID_KEY = '"uuid":"';
// The first line of a transcript can hold a long prompt before `sessionId`; 64 KiB covers it.
const SNIFF_BYTES = 1 << 16;

function firstLineOf(head: Buffer): string {
  const text = head.toString('utf8');
  const nl = text.indexOf('\n');
  return nl === -1 ? text : text.slice(0, nl);
}

/** A top-level string field of a (possibly cut) JSON line, found without parsing it. */
function stringField(line: string, key: string): string | undefined {
  const at = line.indexOf(key);
  if (at === -1) return undefined;
  const from = at + key.length;
  const end = line.indexOf('"', from);
  return end > from ? line.slice(from, end) : undefined;
}

/** The first line's own uuid (its last `uuid` key: nested records come before it). */
function firstUuidIn(head: Buffer): string | undefined {
  const line = firstLineOf(head);
  const at = line.lastIndexOf(UUID_KEY);
  if (at === -1) return undefined;
  const end = line.indexOf('"', at + UUID_KEY.length);
  return end > at + UUID_KEY.length ? line.slice(at + UUID_KEY.length, end) : undefined;
}

/**
 * Subagent files that fork the parent's conversation (side questions copy it, then add
 * their own lines): their first line is one of the parent's first lines. Only these need
 * their copied lines found; cheap, from the first bytes of each file.
 */
export async function forkingParts(mainPath: string, parts: readonly string[]): Promise<string[]> {
  if (!parts.length) return [];
  const head = (await readFirstBytes(mainPath, SNIFF_BYTES)).toString('utf8');
  const out: string[] = [];
  for (const p of parts) {
    const uuid = firstUuidIn(await readFirstBytes(p, SNIFF_BYTES));
    if (uuid && head.includes(`${UUID_KEY}${uuid}"`)) out.push(p);
  }
  return out;
}

/** The session id a transcript's first line names, read from its first bytes (no full parse). */
export const sessionIdIn = (head: Buffer): string | undefined => stringField(firstLineOf(head), SESSION_KEY);

/**
 * The agent id of a subagent transcript that does not carry the `agent-<id>.jsonl` name
 * (a renamed or exported file): its first line is a sidechain line naming its agent.
 */
export function agentIdIn(head: Buffer): string | undefined {
  const line = firstLineOf(head);
  return line.includes('"isSidechain":true') ? stringField(line, '"agentId":"') : undefined;
}

// Sibling agent files are matched to sessions by content; memoized by (size, mtime) so
// re-parsing every session of a project does not re-read every agent file each time.
const sniffed = new Map<string, { key: string; sessionId: string | undefined }>();
const SNIFF_CACHE_LIMIT = 10_000;

export async function sessionIdOfFile(path: string): Promise<string | undefined> {
  const st = statQuiet(path);
  if (!st) return undefined;
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = sniffed.get(path);
  if (hit?.key === key) return hit.sessionId;
  const sessionId = sessionIdIn(await readFirstBytes(path, SNIFF_BYTES));
  if (sniffed.size >= SNIFF_CACHE_LIMIT) sniffed.clear();
  sniffed.set(path, { key, sessionId });
  return sessionId;
}

/** `agent-*.jsonl` transcripts in `<session>/subagents/`, sorted (the 2.1+ layout). */
export async function nestedAgentFiles(mainPath: string): Promise<string[]> {
  const dir = subagentsDirOf(mainPath);
  const names = (await listDir(dir)).filter((e) => !e.isDirectory() && isAgentFile(e.name)).map((e) => e.name);
  return names.sort().map((n) => join(dir, n));
}

// A project directory can hold thousands of sessions: its agent files are listed once per
// directory change (mtime), not once per parsed session.
const agentListings = new Map<string, { mtimeMs: number; files: string[] }>();

async function agentFilesIn(dir: string): Promise<string[]> {
  const st = statQuiet(dir);
  if (!st) return [];
  const hit = agentListings.get(dir);
  if (hit?.mtimeMs === st.mtimeMs) return hit.files;
  const files = (await listDir(dir))
    .filter((e) => !e.isDirectory() && isAgentFile(e.name))
    .map((e) => join(dir, e.name))
    .sort();
  if (agentListings.size >= SNIFF_CACHE_LIMIT) agentListings.clear();
  agentListings.set(dir, { mtimeMs: st.mtimeMs, files });
  return files;
}

/** Sibling `agent-*.jsonl` files (the 2.0 layout) whose first line names this session. */
export async function siblingAgentFiles(mainPath: string): Promise<string[]> {
  const stem = stemOf(mainPath);
  const candidates = await agentFilesIn(dirname(mainPath));
  const owners = await Promise.all(candidates.map(sessionIdOfFile));
  return candidates.filter((_, i) => owners[i] === stem);
}

/** Every subagent transcript that belongs to a main session file (both layouts). */
export async function subagentFilesOf(mainPath: string): Promise<string[]> {
  if (isAgentFile(mainPath) || !isJsonl(basename(mainPath))) return [];
  const [nested, siblings] = await Promise.all([nestedAgentFiles(mainPath), siblingAgentFiles(mainPath)]);
  return [...nested, ...siblings];
}

/** A part file plus its `.meta.json` sidecar when present (both trigger a re-parse). */
export async function withMetaFiles(agentFiles: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of agentFiles) {
    out.push(f);
    const meta = metaPathOf(f);
    // Often absent: the 2.0 layout has no sidecar, and 2.1 writes it after the transcript.
    if (statQuiet(meta)?.isFile()) out.push(meta);
  }
  return out;
}
