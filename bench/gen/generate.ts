import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Remapper } from './remap.js';
import { intIn, pick, type Rng, rngFrom } from './rng.js';
import { loadTemplates, type Template } from './templates.js';

export interface GenerateOptions {
  /** The fake home directory to write into. */
  home: string;
  sessions: number;
  seed?: number;
  corpus: string;
  /** Share of sessions per tool; the rest are Gemini. */
  claudeShare?: number;
  codexShare?: number;
}

export interface GenerateResult {
  files: number;
  bytes: number;
  byTool: Record<string, number>;
}

const END = Date.UTC(2026, 10, 1);
const SPAN = 90 * 86_400_000;

const stamp = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/:/g, '-');

/** A prefix of the template's lines: sessions of varied length, always from the start. */
function prefix(rng: Rng, lines: readonly string[]): readonly string[] {
  return lines.slice(0, Math.max(4, Math.ceil(lines.length * (0.1 + rng() * 0.5))));
}

function remapLines(r: Remapper, lines: readonly string[]): string {
  return lines.map((l) => JSON.stringify(r.apply(JSON.parse(l)))).join('\n') + '\n';
}

function write(path: string, text: string): number {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

function writeClaude(home: string, t: Template, r: Remapper, rng: Rng, i: number): [number, number] {
  const sid = r.id(`session-${i}`);
  const project = join(home, '.claude', 'projects', `-home-dev-project${i % 40}`);
  const lines = prefix(rng, t.lines).map((l) => l.replace(/"sessionId":"[^"]+"/g, `"sessionId":"${sid}"`));
  let bytes = write(join(project, `${sid}.jsonl`), remapLines(r, lines));
  let files = 1;
  for (const [name, sub] of t.subagents) {
    const subLines = sub.map((l) => l.replace(/"sessionId":"[^"]+"/g, `"sessionId":"${sid}"`));
    bytes += write(join(project, sid, 'subagents', name), remapLines(r, subLines));
    files++;
  }
  return [files, bytes];
}

function writeCodex(home: string, t: Template, r: Remapper, rng: Rng, when: number): [number, number] {
  const d = new Date(when);
  const dir = join(home, '.codex', 'sessions', `${d.getUTCFullYear()}`, pad(d.getUTCMonth() + 1), pad(d.getUTCDate()));
  const text = remapLines(r, prefix(rng, t.lines));
  const id = /"id":"([^"]+)"/.exec(text)?.[1] ?? 'x';
  return [1, write(join(dir, `rollout-${stamp(when)}-${id}.jsonl`), text)];
}

function writeGemini(home: string, t: Template, r: Remapper, rng: Rng, when: number, i: number): [number, number] {
  const doc = t.doc as { messages: unknown[] };
  const messages = doc.messages.slice(0, Math.max(2, Math.ceil(doc.messages.length * (0.1 + rng() * 0.5))));
  const out = r.apply({ ...doc, messages }) as Record<string, unknown>;
  const hash = `${(i % 40).toString(16).padStart(2, '0')}${'ab'.repeat(31)}`;
  const file = join(
    home,
    '.gemini',
    'tmp',
    hash,
    'chats',
    `session-${stamp(when).slice(0, 16)}-${String(out.sessionId).slice(0, 8)}.json`,
  );
  return [1, write(file, JSON.stringify(out, null, 2))];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Writes `sessions` sessions in the tools' real on-disk layouts under `home`. */
export function generateHistory(o: GenerateOptions): GenerateResult {
  const rng = rngFrom(o.seed ?? 42);
  const templates = loadTemplates(o.corpus);
  const byTool: Record<string, Template[]> = {};
  for (const t of templates) {
    byTool[t.tool] ??= [];
    byTool[t.tool]?.push(t);
  }
  const result: GenerateResult = { files: 0, bytes: 0, byTool: {} };
  for (let i = 0; i < o.sessions; i++) {
    const roll = rng();
    const tool =
      roll < (o.claudeShare ?? 0.5)
        ? 'claude-code'
        : roll < (o.claudeShare ?? 0.5) + (o.codexShare ?? 0.3)
          ? 'codex'
          : 'gemini';
    const t = pick(rng, byTool[tool] as Template[]);
    const when = END - SPAN + Math.floor((i / o.sessions) * SPAN) + intIn(rng, 0, 3_600_000);
    const r = new Remapper(rng, when - t.firstTime);
    const [files, bytes] =
      tool === 'claude-code'
        ? writeClaude(o.home, t, r, rng, i)
        : tool === 'codex'
          ? writeCodex(o.home, t, r, rng, when)
          : writeGemini(o.home, t, r, rng, when, i);
    result.files += files;
    result.bytes += bytes;
    result.byTool[tool] = (result.byTool[tool] ?? 0) + 1;
  }
  return result;
}

/**
 * One Claude Code session file of about `bytes` bytes: a real session's lines replayed
 * with fresh message ids (so usage is not de-duplicated away) under one session id.
 */
export async function generateBigClaudeFile(path: string, bytes: number, corpus: string, seed = 7): Promise<number> {
  const rng = rngFrom(seed);
  const t = loadTemplates(corpus).find((x) => x.tool === 'claude-code') as Template;
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const sid = 'big-session-0000';
  let written = 0;
  for (let round = 0; written < bytes; round++) {
    const r = new Remapper(rng, round * 3_600_000);
    for (const line of t.lines) {
      const o = r.apply(JSON.parse(line)) as Record<string, unknown>;
      if ('sessionId' in o) o.sessionId = sid;
      const text = `${JSON.stringify(o)}\n`;
      written += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return written;
}
