import type { Usage } from '../shared/usage.js';

/** What one block of Aider's own output (`> ` lines) says, beyond its text. */
export interface OutputFacts {
  usage?: Usage;
  costUsd?: number;
  model?: string;
  editorModel?: string;
  weakModel?: string;
  version?: string;
  applied: string[];
  commits: string[];
  error: boolean;
}

const TOKENS = /^Tokens: (.+?)\.(?:\s*Cost: \$([\d.]+) message, \$([\d.]+) session\.?)?\s*$/;
const AMOUNT = /^([\d.]+)([kKmM]?) (sent|received|cache write|cache hit)$/;
const MAIN_MODEL = /^(?:Main model|Model): (\S+)/;
const ENV_MODEL = /^Using (\S+) model with API key/;
const EDITOR_MODEL = /^Editor model: (\S+)/;
const WEAK_MODEL = /^Weak model: (\S+)/;
const VERSION = /^Aider v(\d\S*)/;
const APPLIED = /^Applied edit to (.+?)\s*$/;
const COMMIT = /^Commit ([0-9a-f]{7,40})\b/;
const ERROR = /^(?:Error\b|Unable to |Failed to |The LLM did not conform)|SEARCH\/REPLACE blocks? failed to match/;

/** `12k` -> 12000, `1.5M` -> 1500000: Aider prints token counts rounded this way. */
export function parseCount(n: string, suffix: string): number {
  const mult = suffix.toLowerCase() === 'k' ? 1e3 : suffix.toLowerCase() === 'm' ? 1e6 : 1;
  return Math.round(Number(n) * mult);
}

/**
 * `Tokens: 4.6k sent, 2.4k cache write, 1.2k cache hit, 104 received.` "sent" includes the
 * cached prompt; HAIL counts input without cache, so cached parts are taken out.
 */
export function parseTokens(line: string): { usage: Usage; costUsd?: number } | undefined {
  const m = TOKENS.exec(line);
  if (!m) return undefined;
  const got: Record<string, number> = {};
  for (const part of m[1]!.split(/,\s*/)) {
    const a = AMOUNT.exec(part.trim());
    if (a) got[a[3]!] = parseCount(a[1]!, a[2]!);
  }
  if (got.sent === undefined && got.received === undefined) return undefined;
  const cacheRead = got['cache hit'] ?? 0;
  const cacheCreation = got['cache write'] ?? 0;
  const usage = {
    input: Math.max(0, (got.sent ?? 0) - cacheRead - cacheCreation),
    output: got.received ?? 0,
    cacheRead,
    cacheCreation,
  };
  return { usage, ...(m[2] ? { costUsd: Number(m[2]) } : {}) };
}

export function outputFacts(lines: readonly string[]): OutputFacts {
  const f: OutputFacts = { applied: [], commits: [], error: false };
  for (const line of lines) {
    const tokens = parseTokens(line);
    if (tokens) {
      f.usage = tokens.usage;
      if (tokens.costUsd !== undefined) f.costUsd = tokens.costUsd;
    }
    f.model ??= MAIN_MODEL.exec(line)?.[1] ?? ENV_MODEL.exec(line)?.[1];
    f.editorModel ??= EDITOR_MODEL.exec(line)?.[1];
    f.weakModel ??= WEAK_MODEL.exec(line)?.[1];
    f.version ??= VERSION.exec(line)?.[1];
    const applied = APPLIED.exec(line)?.[1];
    if (applied) f.applied.push(applied);
    const commit = COMMIT.exec(line)?.[1];
    if (commit) f.commits.push(commit);
    if (ERROR.test(line)) f.error = true;
  }
  return f;
}
