import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadParser } from '../src/parsers/registry.js';
import { fileLineBatches } from '../src/parsers/shared/read-lines.js';
import type { ParseResult, Parser, ToolName } from '../src/parsers/types.js';
import { generateBigCodexFile, generateBigGeminiFile } from './gen/big-sessions.js';
import { generateBigClaudeFile } from './gen/generate.js';
import { mbps } from './lib/measure.js';

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

type Pass = () => Promise<unknown> | unknown;

interface PassCost {
  /** Median wall and CPU (user + system) milliseconds of one pass. */
  wall: number;
  cpu: number;
  reps: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/**
 * Warms `fn` up (up to 40 calls or about 1 s), then counts how many passes make one timed run
 * of about `targetMs`. The parsers are JavaScript: their first few dozen passes over small
 * files run before V8 has optimized them (2x slower), while an index run parses thousands of
 * files in one process; JSON.parse, the comparator, is native and needs no warm-up.
 */
async function repsFor(fn: Pass, targetMs: number): Promise<number> {
  const warm = performance.now();
  for (let i = 0; i < 40 && performance.now() - warm < 1000; i++) await fn();
  const t0 = performance.now();
  await fn();
  const once = Math.max(performance.now() - t0, 0.01);
  return Math.max(1, Math.min(400, Math.ceil(targetMs / once)));
}

/**
 * Wall and CPU time per pass of each function, timed in turns (a, b, c, a, b, c ...) so all
 * see the same load on a shared machine. CPU time leaves out waiting for the disk or for
 * other processes, which the in-memory comparators never do; it is the figure judged.
 */
async function costs(fns: Record<string, Pass>, rounds: number, targetMs: number): Promise<Record<string, PassCost>> {
  const names = Object.keys(fns);
  const reps: Record<string, number> = {};
  for (const n of names) reps[n] = await repsFor(fns[n] as Pass, targetMs);
  const wall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      const fn = fns[n] as Pass;
      const k = reps[n] as number;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < k; i++) await fn();
      const dt = performance.now() - t0;
      const dc = process.cpuUsage(c0);
      wall[n]?.push(dt / k);
      cpu[n]?.push((dc.user + dc.system) / 1000 / k);
    }
  }
  const out: Record<string, PassCost> = {};
  for (const n of names)
    out[n] = { wall: median(wall[n] as number[]), cpu: median(cpu[n] as number[]), reps: reps[n] as number };
  return out;
}

/** In-memory JSON.parse of the same input: each line of JSONL, the whole text of JSON. */
function bareJsonParse(format: Format, texts: string[]): { drop: Pass; keep: Pass } {
  if (format === 'json') {
    return {
      drop: () => {
        for (const text of texts) JSON.parse(text);
      },
      keep: () => texts.map((text) => JSON.parse(text)),
    };
  }
  const lines = texts.flatMap((t) => t.split('\n').filter((l) => l.trim()));
  const parse = (l: string): unknown => {
    try {
      return JSON.parse(l);
    } catch {
      return undefined; // a truncated last line: the parser pays for it too
    }
  };
  return {
    drop: () => {
      for (const l of lines) parse(l);
    },
    keep: () => {
      const out = new Array<unknown>(lines.length);
      for (let i = 0; i < lines.length; i++) out[i] = parse(lines[i] as string);
      return out;
    },
  };
}

/**
 * The least any parser must do from disk: read, decode UTF-8, JSON.parse. JSONL is decoded a
 * line at a time, as the parsers read it: decoding a whole file at once makes V8 build a
 * two-byte string for all of it as soon as one byte is non-ASCII, which is far slower.
 */
function bareFromFiles(format: Format, paths: string[]): Pass {
  return async () => {
    for (const p of paths) {
      if (format === 'json') {
        JSON.parse(await readFile(p, 'utf8'));
        continue;
      }
      for await (const batch of fileLineBatches(p))
        for (const l of batch)
          try {
            if (l.text) JSON.parse(l.text);
          } catch {
            // a truncated last line
          }
    }
  };
}

const ms = (c: PassCost): string => `${c.wall.toFixed(2)} ms wall, ${c.cpu.toFixed(2)} ms CPU per pass`;
const rate = (bytes: number, c: PassCost): string =>
  `${mbps(bytes, c.wall).toFixed(1)} MB/s wall, ${mbps(bytes, c.cpu).toFixed(1)} MB/s CPU`;

/** Bare time over parser time: 1 means the parser costs no more than JSON.parse alone. */
function ratioLine(label: string, parse: PassCost, bare: PassCost, judged: boolean): string {
  const wall = bare.wall / parse.wall;
  const cpu = bare.cpu / parse.cpu;
  const verdict = judged
    ? ` (target >= ${RATIO_TARGET.toFixed(2)} on CPU time) ${cpu >= RATIO_TARGET ? 'OK' : 'BELOW TARGET'}`
    : '';
  return `  ratio parser / ${label}: wall ${wall.toFixed(2)}, CPU ${cpu.toFixed(2)}${verdict}`;
}

const countEvents = (r: ParseResult): number => r.sessions.reduce((n, s) => n + s.events.length, 0);

/** The parser against bare JSON.parse of the same bytes, dropping and keeping its results. */
async function compare(
  parser: Parser,
  format: Format,
  paths: string[],
  opts: { rounds: number; targetMs: number },
): Promise<string[]> {
  let bytes = 0;
  let events = 0;
  let warnings = 0;
  for (const p of paths) {
    bytes += (await stat(p)).size;
    const r = await parser.parse(p);
    events += countEvents(r);
    warnings += r.warnings.length;
  }
  const head = `(${format}, ${paths.length} file(s), ${(bytes / 1e6).toFixed(2)} MB, ${events} events, ${warnings} warnings)`;
  const parse: Pass = async () => {
    const all: ParseResult[] = [];
    for (const p of paths) all.push(await parser.parse(p));
    return all;
  };
  if (format !== 'json' && format !== 'jsonl') {
    const c = await costs({ parse }, opts.rounds, opts.targetMs);
    return [
      head,
      `  parser.parse: ${rate(bytes, c.parse as PassCost)}; ${ms(c.parse as PassCost)}`,
      '  bare JSON.parse: n/a',
    ];
  }
  const texts = await Promise.all(paths.map((p) => readFile(p, 'utf8')));
  const bare = bareJsonParse(format, texts);
  const c = await costs(
    { parse, drop: bare.drop, keep: bare.keep, files: bareFromFiles(format, paths) },
    opts.rounds,
    opts.targetMs,
  );
  const [p, drop, keep, files] = [c.parse, c.drop, c.keep, c.files] as [PassCost, PassCost, PassCost, PassCost];
  const unit = format === 'jsonl' ? 'each line' : 'whole text';
  return [
    head,
    `  parser.parse: ${rate(bytes, p)}; ${ms(p)}`,
    `  (b) bare JSON.parse (${unit}, in memory), results dropped: ${rate(bytes, drop)}; ${ms(drop)}`,
    `  (c) bare JSON.parse (${unit}, in memory), results kept: ${rate(bytes, keep)}; ${ms(keep)}`,
    `  read + ${format === 'jsonl' ? 'per-line ' : ''}UTF-8 decode + JSON.parse from the files, dropped: ${rate(bytes, files)}; ${ms(files)}`,
    ratioLine('(b) dropped', p, drop, false),
    ratioLine('(c) kept', p, keep, true),
    // Reading costs what the in-memory comparators never pay (fresh memory for the bytes and
    // the decoded text is slow to fault in on some VMs): this bounds what reading can reach.
    `  for scale: (c) / (read + decode + JSON.parse from the files): CPU ${(keep.cpu / files.cpu).toFixed(2)}`,
  ];
}

async function benchTool(set: (typeof SETS)[number]): Promise<string[]> {
  const parser = (await loadParser(set.tool)) as Parser | undefined;
  if (!parser) return [`${set.tool}: no parser registered`];
  const paths = set.files.map((f) => join(CORPUS, f));
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) return [`${set.tool}: corpus file(s) missing: ${missing.join(', ')}`];
  const [head, ...rest] = await compare(parser, set.format, paths, { rounds: 7, targetMs: 50 });
  return [`${set.tool} ${head}`, ...rest];
}

/** OPENSESSION_BENCH_TOOLS=claude-code,codex limits the run to those tools. */
const wanted = (tool: ToolName): boolean => {
  const only = process.env.OPENSESSION_BENCH_TOOLS;
  return !only || only.split(',').includes(tool);
};

/** Generated single sessions of realistic size; the version names the generator's output shape. */
const LARGE = [
  { tool: 'claude-code', format: 'jsonl', name: 'parse-claude-50m-v1.jsonl', mb: 50 },
  { tool: 'codex', format: 'jsonl', name: 'parse-codex-50m-v1.jsonl', mb: 50 },
  { tool: 'gemini', format: 'json', name: 'parse-gemini-20m-v1.json', mb: 20 },
] as const;

/** The generated file, made once: the `.done` marker is written only after the file is complete. */
async function largeFile(l: (typeof LARGE)[number]): Promise<{ path: string; note?: string }> {
  const path = join(CACHE, 'parse', l.name);
  if (existsSync(`${path}.done`)) return { path };
  const t = performance.now();
  const bytes = l.mb * 1e6;
  const written =
    l.tool === 'claude-code'
      ? await generateBigClaudeFile(path, bytes, CORPUS)
      : l.tool === 'codex'
        ? await generateBigCodexFile(path, bytes, CORPUS)
        : generateBigGeminiFile(path, bytes, CORPUS);
  await writeFile(`${path}.done`, `${written}\n`);
  return {
    path,
    note: `generated ${path} (${(written / 1e6).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  };
}

async function benchLarge(): Promise<string[]> {
  const out = ['large single sessions (generated from corpus templates, cached in bench/.cache/parse):'];
  for (const l of LARGE.filter((x) => wanted(x.tool))) {
    const parser = (await loadParser(l.tool)) as Parser | undefined;
    if (!parser) {
      out.push(`${l.tool}: no parser registered`);
      continue;
    }
    const f = await largeFile(l);
    if (f.note) out.push(f.note);
    const [head, ...rest] = await compare(parser, l.format, [f.path], { rounds: 3, targetMs: 0 });
    out.push(`${l.tool} ${head}`, ...rest);
  }
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
  const out = [
    `corpus: ${CORPUS}`,
    'ratios are bare time / parser time; the target is judged against (c): parser.parse returns whole sessions,',
    'so it must keep everything it reads, as (c) keeps its parsed values (CPU time judged: wall time is noisy here);',
    'each function is warmed up (up to 40 passes) before it is timed, as in an index run over many files',
  ];
  for (const set of SETS.filter((x) => wanted(x.tool))) out.push(...(await benchTool(set)));
  out.push('');
  if (process.env.OPENSESSION_BENCH_SKIP_LARGE !== '1') out.push(...(await benchLarge()), '');
  if (process.env.OPENSESSION_BENCH_SKIP_BIG !== '1') out.push(...(await benchBig()));
  return out;
}
