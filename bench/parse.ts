import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rename, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadParser } from '../src/parsers/registry.js';
import type { Parser, ToolName } from '../src/parsers/types.js';
import { generateBigClaudeFile } from './gen/generate.js';
import { mbps, measure, type Timing } from './lib/measure.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = resolve(REPO, '..', 'shared', 'corpus');
const CACHE = join(REPO, 'bench', '.cache');
const RSS_TARGET_MB = 300;
const RATIO_TARGET = 0.5;

type Format = 'jsonl' | 'json' | 'sqlite' | 'markdown';

/** The largest real files of each tool in the corpus (main session files for Claude Code). */
const SETS: { tool: ToolName; format: Format; files: string[] }[] = [
  {
    tool: 'claude-code',
    format: 'jsonl',
    files: [
      'claude-code/v2.1.1-thinking-queue-operation-webfetch.jsonl',
      'claude-code/v2.0.2-task-subagent-inline-sidechain.jsonl',
    ],
  },
  {
    tool: 'codex',
    format: 'jsonl',
    files: [
      'codex/v0.105.0-cli-2026-03-long-TRUNCATED.jsonl',
      'codex/v0.36.0-2025-09-turn-context-aborted.jsonl',
      'codex/v0.58.0-2025-11-ghost-snapshot.jsonl',
    ],
  },
  {
    tool: 'gemini',
    format: 'json',
    files: [
      'gemini-cli/2025-10-session-agentic-no-toolcalls.json',
      'gemini-cli/2025-11-session-toolcalls-13.json',
      'gemini-cli/2025-10-session-toolcalls-small.json',
    ],
  },
  { tool: 'opencode', format: 'sqlite', files: ['opencode/sqlite-opencode-1.17-3-sessions.db'] },
  {
    tool: 'cline',
    format: 'json',
    files: ['cline/api_conversation_history-1.5MB.json', 'cline/ui_messages-errors-retries-reasoning.json'],
  },
  {
    tool: 'amp',
    format: 'json',
    files: [
      'amp/2025-10-T-16c2227a-e98f-4969-998b-aaa50a930b05.json',
      'amp/2025-10-T-1d0ef56c-0ecd-4bf7-af7b-5bc196dc8a6a.json',
      'amp/2026-02-T-019ca1ce-plan-thread.json',
    ],
  },
  {
    tool: 'cursor',
    format: 'sqlite',
    files: ['cursor/workspace-aichat-composer.state.vscdb', 'cursor/global-cursorDiskKV-no-bubbles.state.vscdb'],
  },
  { tool: 'goose', format: 'sqlite', files: ['goose/sessions-db-1-session-0-messages.sqlite'] },
  {
    tool: 'aider',
    format: 'markdown',
    files: [
      'aider/v0.62-0.68-2024-architect-search-replace.chat.history.md',
      'aider/v0.86.2-long-ask-session.chat.history.md',
    ],
  },
];

/**
 * Median time of one pass of `fn`. Corpus files are small, so each timed run repeats the
 * pass enough times to last about 50 ms; the result is divided back to one pass.
 */
async function timePass(fn: () => Promise<unknown> | unknown): Promise<{ t: Timing; reps: number }> {
  const t0 = performance.now();
  await fn();
  const once = Math.max(performance.now() - t0, 0.01);
  const reps = Math.max(1, Math.min(200, Math.ceil(50 / once)));
  const t = await measure(async () => {
    for (let i = 0; i < reps; i++) await fn();
  }, 5);
  return { t: { median: t.median / reps, min: t.min / reps, max: t.max / reps, runs: t.runs }, reps };
}

/** Median CPU milliseconds (user + system, all threads) of one pass, over 5 runs of `reps` passes. */
async function cpuPerPass(fn: () => Promise<unknown> | unknown, reps: number): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const before = process.cpuUsage();
    for (let i = 0; i < reps; i++) await fn();
    const d = process.cpuUsage(before);
    runs.push((d.user + d.system) / 1000 / reps);
  }
  runs.sort((a, b) => a - b);
  return runs[2] as number;
}

function bareJsonParse(format: Format, texts: string[]): (() => void) | undefined {
  if (format === 'json') {
    return () => {
      for (const text of texts) JSON.parse(text);
    };
  }
  if (format === 'jsonl') {
    const lines = texts.flatMap((t) => t.split('\n').filter((l) => l.trim()));
    return () => {
      for (const l of lines) {
        try {
          JSON.parse(l);
        } catch {
          // a truncated last line: the parser pays for it too
        }
      }
    };
  }
  return undefined;
}

/**
 * The least any parser must do: read the files, decode UTF-8, JSON.parse. Decoding alone costs
 * about as much as JSON.parse on text with scattered non-ASCII (V8 leaves its fast path at the
 * first such byte), which caps the in-memory ratio near 0.5 before any normalizing.
 */
function bareFromFiles(format: Format, paths: string[]): (() => Promise<void>) | undefined {
  if (format !== 'json' && format !== 'jsonl') return undefined;
  return async () => {
    for (const p of paths) {
      const text = (await readFile(p)).toString('utf8');
      if (format === 'json') JSON.parse(text);
      else
        for (const l of text.split('\n'))
          try {
            if (l) JSON.parse(l);
          } catch {
            // a truncated last line
          }
    }
  };
}

async function benchTool(set: (typeof SETS)[number]): Promise<string[]> {
  const parser = (await loadParser(set.tool)) as Parser | undefined;
  if (!parser) return [`${set.tool}: no parser registered`];
  const paths = set.files.map((f) => join(CORPUS, f));
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) return [`${set.tool}: corpus file(s) missing: ${missing.join(', ')}`];
  let bytes = 0;
  for (const p of paths) bytes += (await stat(p)).size;

  let events = 0;
  let warnings = 0;
  for (const p of paths) {
    const r = await parser.parse(p);
    events += r.sessions.reduce((n, s) => n + s.events.length, 0);
    warnings += r.warnings.length;
  }
  const parse = await timePass(async () => {
    for (const p of paths) await parser.parse(p);
  });
  const parseMbps = mbps(bytes, parse.t.median);
  const out = [
    `${set.tool} (${set.format}, ${paths.length} file(s), ${(bytes / 1e6).toFixed(2)} MB, ${events} events, ${warnings} warnings)`,
    `  parser.parse: ${parseMbps.toFixed(1)} MB/s  median ${parse.t.median.toFixed(2)} ms/pass (min ${parse.t.min.toFixed(2)}, max ${parse.t.max.toFixed(2)}, n=${parse.t.runs}x${parse.reps})`,
  ];
  const texts =
    set.format === 'json' || set.format === 'jsonl' ? await Promise.all(paths.map((p) => readFile(p, 'utf8'))) : [];
  const bare = bareJsonParse(set.format, texts);
  if (!bare) {
    out.push('  bare JSON.parse: n/a');
    return out;
  }
  const base = await timePass(bare);
  const baseMbps = mbps(bytes, base.t.median);
  const ratio = parseMbps / baseMbps;
  // CPU time leaves out waiting (for the disk, or for other processes on a busy machine),
  // which the in-memory bare loop never does.
  const parseCpu = await cpuPerPass(async () => {
    for (const p of paths) await parser.parse(p);
  }, parse.reps);
  const bareCpu = await cpuPerPass(bare, base.reps);
  const cpuRatio = bareCpu / parseCpu;
  const fromFiles = bareFromFiles(set.format, paths);
  const fileBase = fromFiles ? await timePass(fromFiles) : undefined;
  out.push(
    `  bare JSON.parse (${set.format === 'jsonl' ? 'each line' : 'whole text'}, in memory): ${baseMbps.toFixed(1)} MB/s  median ${base.t.median.toFixed(2)} ms/pass`,
    ...(fileBase
      ? [
          `  bare read + UTF-8 decode + JSON.parse (from the files): ${mbps(bytes, fileBase.t.median).toFixed(1)} MB/s  median ${fileBase.t.median.toFixed(2)} ms/pass; ratio parser / that: ${(fileBase.t.median / parse.t.median).toFixed(2)}`,
        ]
      : []),
    `  ratio parser / bare, wall time: ${ratio.toFixed(2)}; CPU time: ${cpuRatio.toFixed(2)} (${parseCpu.toFixed(2)} vs ${bareCpu.toFixed(2)} ms CPU/pass) (target >= ${RATIO_TARGET.toFixed(2)}) ${ratio >= RATIO_TARGET ? 'OK' : cpuRatio >= RATIO_TARGET ? 'OK on CPU time' : 'BELOW TARGET'}`,
  );
  return out;
}

interface ChildReport {
  events: number;
  sessions: number;
  warnings: number;
  ms: number;
  peakRssMb: number;
  slices: number;
}

async function benchBig(): Promise<string[]> {
  const mb = Number(process.env.OPENSESSION_BENCH_BIG_MB ?? 1024);
  if (!Number.isFinite(mb) || mb <= 0) return [`OPENSESSION_BENCH_BIG_MB must be a positive number, got ${mb}`];
  const file = join(CACHE, mb === 1024 ? 'big-claude-1g.jsonl' : `big-claude-${mb}m.jsonl`);
  const out: string[] = [];
  if (!existsSync(file)) {
    const t = performance.now();
    const written = await generateBigClaudeFile(`${file}.part`, mb * 2 ** 20, CORPUS);
    await rename(`${file}.part`, file);
    out.push(
      `generated ${file} (${(written / 1e6).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  const bytes = (await stat(file)).size;
  out.push(`big Claude file: ${(bytes / 1e6).toFixed(0)} MB (each read in a fresh child process)`);
  for (const mode of ['paged', 'whole'] as const) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'bench', 'parse-big-child.ts'), file, mode],
      { cwd: REPO, maxBuffer: 16 * 2 ** 20 },
    );
    const r = JSON.parse(stdout.trim().split('\n').at(-1) as string) as ChildReport;
    const verdict = r.peakRssMb < RSS_TARGET_MB ? 'OK' : 'ABOVE TARGET';
    out.push(
      `  ${mode === 'paged' ? `paged (${r.slices} slices, as the indexer reads)` : 'whole (one parse call)'}: ${r.events} events, ${r.sessions} session(s), ${r.warnings} warnings`,
      `    parse: ${mbps(bytes, r.ms).toFixed(1)} MB/s  ${(r.ms / 1000).toFixed(2)} s`,
      `    peak RSS: ${r.peakRssMb.toFixed(0)} MB${mode === 'paged' ? ` (target < ${RSS_TARGET_MB} MB) ${verdict}` : ''}`,
    );
  }
  return out;
}

export async function benchParse(): Promise<string[]> {
  const out = [`corpus: ${CORPUS}`];
  for (const set of SETS) out.push(...(await benchTool(set)));
  out.push('');
  if (process.env.OPENSESSION_BENCH_SKIP_BIG !== '1') out.push(...(await benchBig()));
  return out;
}
