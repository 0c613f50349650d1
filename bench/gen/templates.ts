import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Real session files from the corpus that generated histories are replayed from. */
export interface Template {
  tool: 'claude-code' | 'codex' | 'gemini';
  name: string;
  /** JSONL lines (claude, codex) or the parsed JSON document (gemini). */
  lines: string[];
  doc?: { messages: unknown[] } & Record<string, unknown>;
  /** Claude subagent files that belong to the session: [file name, lines]. */
  subagents: [string, string[]][];
  firstTime: number;
}

const jsonl = (p: string): string[] =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter((l) => l.trim());

function firstTimestamp(lines: readonly string[]): number {
  for (const l of lines) {
    const m = /"timestamp":"([^"]+)"/.exec(l);
    if (m) return Date.parse(m[1] as string);
  }
  return Date.UTC(2026, 0, 1);
}

function subagentsOf(file: string): [string, string[]][] {
  const dir = join(dirname(file), basename(file, '.jsonl'), 'subagents');
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.jsonl'))
      .map((n) => [n, jsonl(join(dir, n))]);
  } catch {
    return [];
  }
}

const CLAUDE = [
  'claude-code/v2.1.1-thinking-queue-operation-webfetch.jsonl',
  'claude-code/v2.0.2-grep-edit-todowrite-errors.jsonl',
  'claude-code/v2.0.2-bash-read-summary.jsonl',
  'claude-code/v2.0.65-thinking-file-history.jsonl',
  'claude-code/layout-v2.1.97-subagents-dir/-home-vwestberg-Claude/8fd119a6-9ab8-407b-810f-329cfb6153e0.jsonl',
  'claude-code/layout-v2.1.97-subagents-dir/-home-vwestberg-Claude/44ef5cbf-9cc3-4f7b-ac40-337a4d39713b.jsonl',
];
const CODEX = [
  'codex/v0.36.0-2025-09-turn-context-aborted.jsonl',
  'codex/v0.118.0-tui-2026-04-exec-command-end.jsonl',
  'codex/v0.58.0-2025-11-ghost-snapshot.jsonl',
];
const GEMINI = ['gemini-cli/2025-11-session-toolcalls-13.json', 'gemini-cli/2025-10-session-agentic-no-toolcalls.json'];

export function loadTemplates(corpus: string): Template[] {
  const out: Template[] = [];
  for (const rel of CLAUDE) {
    const p = join(corpus, rel);
    const lines = jsonl(p);
    out.push({ tool: 'claude-code', name: rel, lines, subagents: subagentsOf(p), firstTime: firstTimestamp(lines) });
  }
  for (const rel of CODEX) {
    const lines = jsonl(join(corpus, rel));
    out.push({ tool: 'codex', name: rel, lines, subagents: [], firstTime: firstTimestamp(lines) });
  }
  for (const rel of GEMINI) {
    const doc = JSON.parse(readFileSync(join(corpus, rel), 'utf8'));
    out.push({ tool: 'gemini', name: rel, lines: [], doc, subagents: [], firstTime: Date.parse(doc.startTime) });
  }
  return out;
}

export const templateBytes = (t: Template, corpus: string): number => statSync(join(corpus, t.name)).size;
