import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { HailEvent, Session } from '../../hail/session.js';
import { statQuiet } from '../shared/discover-fs.js';
import { buildSession, sortByTime } from '../shared/session-builder.js';
import { str } from '../shared/text.js';
import { toIso } from '../shared/time.js';

type Obj = Record<string, unknown>;

/** The conversation-level fields of a chat record (`ConversationRecord` minus messages). */
export interface ChatMeta {
  sessionId?: string;
  projectHash?: string;
  startTime?: string;
  lastUpdated?: string;
  summary?: string;
  directories?: string[];
  kind?: string;
}

export function chatMetaOf(o: Obj, into: ChatMeta = {}): ChatMeta {
  const m = { ...into };
  for (const k of ['sessionId', 'projectHash', 'startTime', 'lastUpdated', 'summary', 'kind'] as const) {
    const v = str(o[k]);
    if (v) m[k] = v;
  }
  if (Array.isArray(o.directories)) m.directories = o.directories.filter((d): d is string => typeof d === 'string');
  return m;
}

/**
 * `~/.gemini/tmp/<project>/`: the project directory a file belongs to. Newer Gemini CLI
 * names it after the project and writes the project's path to `.project_root` in it.
 */
export function projectDirOf(path: string): string | undefined {
  let d = dirname(path);
  for (let i = 0; i < 3; i++) {
    if (basename(dirname(d)) === 'tmp' && basename(dirname(dirname(d))) === '.gemini') return d;
    d = dirname(d);
  }
  return undefined;
}

export async function projectRootOf(path: string): Promise<string | undefined> {
  const dir = projectDirOf(path);
  if (!dir) return undefined;
  const file = join(dir, '.project_root');
  // Older Gemini CLI never wrote one: a stat is much cheaper than a failing read.
  if (!statQuiet(file)) return undefined;
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface GeminiDraft {
  sessionId: string;
  events: HailEvent[];
  meta?: ChatMeta;
  cwd?: string;
  tags?: string[];
  createdAt?: string;
}

/** A Gemini session from its events and chat metadata (events sorted, stats recomputed). */
export function geminiSession(d: GeminiDraft): Session {
  const m = d.meta ?? {};
  const attributes: Obj = {};
  if (d.cwd) attributes.cwd = d.cwd;
  if (m.projectHash) attributes.project_hash = m.projectHash;
  if (m.directories?.length) attributes.directories = m.directories;
  if (m.kind && m.kind !== 'main') attributes.kind = m.kind;
  const created = d.createdAt ?? toIso(m.startTime);
  return buildSession({
    tool: 'gemini',
    sessionId: d.sessionId,
    provider: 'google',
    events: sortByTime(d.events),
    attributes,
    ...(created ? { createdAt: created } : {}),
    ...(m.summary ? { description: m.summary } : {}),
    ...(d.tags?.length ? { extraTags: d.tags } : {}),
  });
}

/** For a chat file without a sessionId: its name, which Gemini CLI derives from the id. */
export const sessionIdFromName = (path: string): string => basename(path).replace(/\.jsonl?$/i, '');
