import { execFile } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { indexPath, openIndex } from '../src/store/db.js';
import { searchEvents } from '../src/store/queries/search.js';
import {
  bigClaudeFile,
  CACHE,
  generatedHome,
  percentile,
  REPO,
  SIZES,
  type SizeName,
  sizesFromEnv,
} from './lib/history.js';
import { fmtTiming, measure } from './lib/measure.js';

// Issue 4's local-index figures on generated histories: cold and warm index (with the count
// of files parsed, which must be 0 when warm), one line appended to a 500 MB transcript,
// search latency in-process and through the CLI, and `session stats` against ccusage.

const run = promisify(execFile);
const CLI = join(REPO, 'dist', 'cli', 'main.js');
const CCUSAGE_VERSION = '20.0.24';

interface ChildReport {
  ms: number;
  peakRssMb: number;
  totals: { found: number; parsed: number; appended: number; skipped: number; failed: number; sessions: number };
  warnings: number;
}

async function indexChild(home: string, dataDir: string): Promise<ChildReport> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'bench', 'index-child.ts'), home, dataDir],
    {
      cwd: REPO,
      maxBuffer: 16 * 2 ** 20,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as ChildReport;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function coldAndWarm(size: SizeName, out: string[]): Promise<string> {
  const home = generatedHome(SIZES[size], (l) => out.push(`  ${l}`));
  const dataDir = join(CACHE, `data-${SIZES[size]}`);
  rmSync(dataDir, { recursive: true, force: true });
  const cold = await indexChild(home, dataDir);
  const rate = cold.totals.sessions / (cold.ms / 1000);
  out.push(
    `  cold index: ${secs(cold.ms)}, ${cold.totals.found} files, ${cold.totals.sessions} sessions (${rate.toFixed(0)} sessions/s), ${cold.totals.failed} failed, peak RSS ${cold.peakRssMb.toFixed(0)} MB (M target: < 60 s, < 500 MB)`,
  );
  const warm = await indexChild(home, dataDir);
  out.push(
    `  warm no-op index: ${(warm.ms).toFixed(0)} ms, files parsed ${warm.totals.parsed + warm.totals.appended} of ${warm.totals.found} (target: < 1 s, 0 parsed)`,
  );
  return dataDir;
}

const QUERIES = [
  'error',
  'test',
  'function',
  'install',
  'npm',
  'file',
  'config',
  'docker',
  'auth',
  'database',
  'import',
  'refactor',
  'kernel',
  'python',
  'rust',
  'typescript',
  'build',
  'commit',
  'branch',
  'migration',
  'fix bug',
  'unit test',
  'permission denied',
  'not found',
  '"cannot find module"',
  'windows vm',
  'api key',
  'performance',
  'cache',
  'server',
];

function searchInProcess(dataDir: string, out: string[]): void {
  const db = openIndex(indexPath(dataDir), { readonly: true });
  try {
    for (const q of QUERIES) searchEvents(db, q); // warm the page cache, as a second query would
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      hits += searchEvents(db, QUERIES[i % QUERIES.length] as string).length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out.push(
      `  search in-process (100 queries, ${QUERIES.length} distinct, ${hits} hits): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (target: p50 < 20, p95 < 50)`,
    );
  } finally {
    db.close();
  }
}

async function searchCli(dataDir: string, out: string[]): Promise<void> {
  const times: number[] = [];
  for (const q of QUERIES.slice(0, 10)) {
    const t = performance.now();
    await run(process.execPath, [CLI, 'session', 'search', q, '--json', '--data-dir', dataDir]);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  out.push(
    `  search via CLI (10 queries, whole process): p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`,
  );
}

async function ccusageBin(out: string[]): Promise<string> {
  const prefix = join(CACHE, `ccusage-${CCUSAGE_VERSION}`);
  const bin = join(prefix, 'node_modules', '.bin', 'ccusage');
  if (!existsSync(bin)) {
    out.push(`  installing ccusage@${CCUSAGE_VERSION} into ${prefix} (bench only, never a dependency)`);
    mkdirSync(prefix, { recursive: true });
    await run('npm', [
      'install',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--no-save',
      `ccusage@${CCUSAGE_VERSION}`,
    ]);
  }
  return bin;
}

interface Tokens {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

const fmtTokens = (t: Tokens) =>
  `in ${t.input}, out ${t.output}, cache read ${t.cacheRead}, cache write ${t.cacheCreation}`;

async function statsVsCcusage(home: string, dataDir: string, out: string[]): Promise<void> {
  if (!existsSync(CLI)) return void out.push('  stats vs ccusage: skipped (run `npm run build` first)');
  const bin = await ccusageBin(out);
  const env = { ...process.env, HOME: home, CLAUDE_CONFIG_DIR: join(home, '.claude'), TZ: 'UTC' };
  const ours = async () =>
    (
      await run(
        process.execPath,
        [CLI, 'session', 'stats', '--by', 'day', '--json', '--tool', 'claude-code', '--data-dir', dataDir],
        { env, maxBuffer: 64 * 2 ** 20 },
      )
    ).stdout;
  const theirs = async () =>
    (await run(bin, ['claude', 'daily', '--json', '--offline'], { env, maxBuffer: 64 * 2 ** 20 })).stdout;
  const a = await measure(ours, 5, 1);
  const b = await measure(theirs, 3, 1);
  const o = JSON.parse(await ours()).totals;
  const daily = JSON.parse(await theirs()).totals;
  const bySession = JSON.parse(
    (await run(bin, ['claude', 'session', '--json', '--offline'], { env, maxBuffer: 64 * 2 ** 20 })).stdout,
  ).totals;
  const mine: Tokens = {
    input: o.input_tokens,
    output: o.output_tokens,
    cacheRead: o.cache_read_tokens,
    cacheCreation: o.cache_creation_tokens,
  };
  const cc = (c: Record<string, number>): Tokens => ({
    input: c.inputTokens as number,
    output: c.outputTokens as number,
    cacheRead: c.cacheReadTokens as number,
    cacheCreation: c.cacheCreationTokens as number,
  });
  const same = (t: Tokens) => (JSON.stringify(t) === JSON.stringify(mine) ? 'equal' : 'DIFFERENT');
  out.push(
    `  session stats --by day --json (claude-code): ${fmtTiming(a)}`,
    `  ccusage@${CCUSAGE_VERSION} claude daily --json --offline: ${fmtTiming(b)}`,
    `  speed-up: ${(b.median / a.median).toFixed(1)}x (target >= 5x)`,
    `  totals ours:                     ${fmtTokens(mine)}`,
    `  totals ccusage claude session:   ${fmtTokens(cc(bySession))} (${same(cc(bySession))})`,
    `  totals ccusage claude daily:     ${fmtTokens(cc(daily))} (${same(cc(daily))})`,
  );
}

async function appendToBigFile(out: string[]): Promise<void> {
  const big = await bigClaudeFile(512, (l) => out.push(`  ${l}`));
  const home = join(CACHE, 'home-append');
  const dataDir = join(CACHE, 'data-append');
  rmSync(home, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  const project = join(home, '.claude', 'projects', '-home-dev-big');
  mkdirSync(project, { recursive: true });
  const file = join(project, '6b1e0c52-0000-4000-8000-000000000512.jsonl');
  copyFileSync(big, file);
  const cold = await indexChild(home, dataDir);
  out.push(`  500 MB transcript, cold: ${secs(cold.ms)}, peak RSS ${cold.peakRssMb.toFixed(0)} MB`);
  const line = {
    type: 'user',
    uuid: '6b1e0c52-0000-4000-8000-0000000000aa',
    parentUuid: null,
    sessionId: 'big-session-0000',
    timestamp: new Date().toISOString(),
    cwd: '/home/dev/big',
    message: { role: 'user', content: 'one more line appended for the benchmark' },
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
  const t = performance.now();
  const after = await indexChild(home, dataDir);
  const wall = performance.now() - t;
  out.push(
    `  one line appended: indexed in ${after.ms.toFixed(0)} ms in-process (${wall.toFixed(0)} ms with process start), appended ${after.totals.appended}, parsed ${after.totals.parsed} (target < 200 ms)`,
  );
}

export async function benchIndex(): Promise<string[]> {
  const out: string[] = [];
  let mDataDir: string | undefined;
  for (const size of sizesFromEnv()) {
    out.push(`${size} (${SIZES[size]} sessions):`);
    const dataDir = await coldAndWarm(size, out);
    searchInProcess(dataDir, out);
    await searchCli(dataDir, out);
    mDataDir = dataDir;
    await statsVsCcusage(
      generatedHome(SIZES[size], () => {}),
      dataDir,
      out,
    ).catch((e: Error) => out.push(`  stats vs ccusage: failed: ${e.message.split('\n')[0]}`));
  }
  if (!mDataDir) out.push('no sizes selected (OPENSESSION_BENCH_SIZES)');
  out.push('append:');
  await appendToBigFile(out);
  return out;
}
