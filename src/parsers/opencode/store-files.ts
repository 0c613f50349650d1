import { join } from 'node:path';
import { listDir } from '../shared/discover-fs.js';
import { readJsonFile } from '../shared/json-file.js';
import { WarningSink } from '../shared/warnings.js';
import { MessageInfoSchema, type OcMessage, type OcSession, SessionInfoSchema, toPart } from './schema.js';

/**
 * Where a session's messages and parts live, for the two JSON layouts:
 * - current (0.6+ until the SQLite store): storage/session/<project>/<sid>.json,
 *   storage/message/<sid>/<mid>.json, storage/part/<mid>/<pid>.json
 * - legacy per-project (≤0.5): project/<p>/storage/session/info/<sid>.json,
 *   .../session/message/<sid>/<mid>.json, .../session/part/<sid>/<mid>/<pid>.json
 */
interface FileLayout {
  kind: 'current' | 'legacy';
  sessionId: string;
  messageDir: string;
  partDir(messageId: string): string;
}

const LEGACY = /^(.*)[\\/]storage[\\/]session[\\/]info[\\/]([^\\/]+)\.json$/;
const CURRENT = /^(.*)[\\/]storage[\\/]session[\\/]([^\\/]+)[\\/]([^\\/]+)\.json$/;
const NOT_PROJECTS = new Set(['info', 'message', 'part']);

export function fileLayout(path: string): FileLayout | undefined {
  const legacy = LEGACY.exec(path);
  if (legacy) {
    const [, root = '', sid = ''] = legacy;
    const dir = join(root, 'storage', 'session');
    return {
      kind: 'legacy',
      sessionId: sid,
      messageDir: join(dir, 'message', sid),
      partDir: (mid) => join(dir, 'part', sid, mid),
    };
  }
  const current = CURRENT.exec(path);
  if (!current || NOT_PROJECTS.has(current[2] ?? '')) return undefined;
  const [, root = '', , sid = ''] = current;
  const dir = join(root, 'storage');
  return {
    kind: 'current',
    sessionId: sid,
    messageDir: join(dir, 'message', sid),
    partDir: (mid) => join(dir, 'part', mid),
  };
}

/** JSON files of a directory, sorted (OpenCode ids sort in creation order). */
export async function jsonFilesIn(dir: string): Promise<string[]> {
  return (await listDir(dir))
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(dir, e.name))
    .sort();
}

/** Reads a file with its own sink, so each warning names the file it is about. */
async function readJson(path: string, sink: WarningSink): Promise<unknown> {
  const own = new WarningSink(path);
  const value = await readJsonFile(path, own);
  sink.list.push(...own.list);
  return value;
}

async function readMessage(path: string, layout: FileLayout, sink: WarningSink): Promise<OcMessage | undefined> {
  const raw = await readJson(path, sink);
  if (raw === undefined) return undefined;
  const info = MessageInfoSchema.safeParse(raw);
  if (!info.success) {
    sink.list.push({ kind: 'unknown-shape', file: path, reason: 'not an OpenCode message record' });
    return undefined;
  }
  const partFiles = await jsonFilesIn(layout.partDir(info.data.id));
  const raws = await Promise.all(partFiles.map((p) => readJson(p, sink)));
  const parts = raws.filter((r) => r !== undefined).map((r) => toPart(r));
  return { info: info.data, parts };
}

/** One session of a JSON layout, from its session file. Undefined (with a warning) when unusable. */
export async function readFileStore(path: string, sink: WarningSink): Promise<OcSession | undefined> {
  const layout = fileLayout(path);
  if (!layout) {
    sink.add('unknown-shape', 'not an OpenCode session file location');
    return undefined;
  }
  const raw = await readJson(path, sink);
  if (raw === undefined) return undefined;
  const info = SessionInfoSchema.safeParse(raw);
  if (!info.success) {
    sink.add('unknown-shape', 'not an OpenCode session record');
    return undefined;
  }
  const messageDir =
    info.data.id === layout.sessionId ? layout.messageDir : join(layout.messageDir, '..', info.data.id);
  const files = await jsonFilesIn(messageDir);
  const messages = await Promise.all(files.map((f) => readMessage(f, layout, sink)));
  return { info: info.data, messages: messages.filter((m): m is OcMessage => m !== undefined) };
}
