import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Remapper } from './remap.js';
import { rngFrom } from './rng.js';
import { loadTemplates, type Template } from './templates.js';

/**
 * Single sessions of a chosen size for parser throughput: real Codex and Gemini sessions
 * replayed round after round with fresh ids, each round later than the one before, so the
 * file reads like one long session (see generateBigClaudeFile for Claude Code).
 */

/** How far to shift each round: past the template's own span, so time never goes backwards. */
function spanOf(lines: readonly string[]): number {
  const times = lines.map((l) => /"timestamp":"([^"]+)"/.exec(l)?.[1]).filter((t): t is string => !!t);
  const first = Date.parse(times[0] ?? '');
  const last = Date.parse(times.at(-1) ?? '');
  return (Number.isFinite(last - first) ? Math.max(0, last - first) : 0) + 60_000;
}

/** One Codex rollout of about `bytes` bytes: the header once, then the template's records repeated. */
export async function generateBigCodexFile(path: string, bytes: number, corpus: string, seed = 11): Promise<number> {
  const rng = rngFrom(seed);
  const t = loadTemplates(corpus).find((x) => x.tool === 'codex') as Template;
  const span = spanOf(t.lines);
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let written = 0;
  for (let round = 0; written < bytes; round++) {
    const r = new Remapper(rng, round * span);
    for (const line of t.lines) {
      const o = JSON.parse(line) as Record<string, unknown>;
      if (round > 0 && o.type === 'session_meta') continue;
      const text = `${JSON.stringify(r.apply(o))}\n`;
      written += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return written;
}

/**
 * One Gemini CLI chat file (`session-*.json`, pretty-printed as the CLI writes it) of about
 * `bytes` bytes: the Gemini templates' messages repeated in turn under one session header.
 */
export function generateBigGeminiFile(path: string, bytes: number, corpus: string, seed = 13): number {
  const rng = rngFrom(seed);
  const templates = loadTemplates(corpus).filter((x) => x.tool === 'gemini');
  const head = templates[0]?.doc as { messages: unknown[] } & Record<string, unknown>;
  const messages: unknown[] = [];
  let size = 0;
  // Round k starts where round k-1 ended: each template's first time moves to `at`.
  let at = Date.parse(String(head.startTime));
  for (let round = 0; size < bytes; round++) {
    const t = templates[round % templates.length] as Template;
    const doc = t.doc as { messages: unknown[] };
    const r = new Remapper(rng, at - t.firstTime);
    for (const m of doc.messages) {
      const copy = r.apply(m);
      messages.push(copy);
      size += JSON.stringify(copy, null, 2).length + 6;
    }
    at += spanOfMessages(doc.messages);
  }
  const last = (messages.at(-1) as { timestamp?: unknown } | undefined)?.timestamp;
  const text = JSON.stringify({ ...head, messages, lastUpdated: last ?? head.lastUpdated }, null, 2);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

function spanOfMessages(messages: readonly unknown[]): number {
  const ok = messages.map((m) => Date.parse(String((m as { timestamp?: unknown }).timestamp))).filter(Number.isFinite);
  return (ok.length ? Math.max(...ok) - Math.min(...ok) : 0) + 60_000;
}
