/**
 * First paint of `opensession ui` on a generated history (issue 8: under 500 ms on the M
 * history, 10k sessions). The sources are compiled first (as an install runs them: no
 * TypeScript loader), then each run is a fresh process: Node's start, module loading, opening
 * the index and drawing the session list are all counted.
 *
 *   npx tsx bench/tui-first-paint.ts
 *
 * OPENSESSION_BENCH_TUI_SESSIONS sets the history size (default 10000). The history is
 * generated and indexed once into bench/.cache (minutes for 10k sessions).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fmtTiming, type Timing } from './lib/measure.js';
import { generatedIndex } from './tui-index.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(REPO, 'bench', '.tmp', 'tui-dist');
const RUNS = 7;
const TARGET_MS = 500;

interface ChildReport {
  paint: number;
  interactive: number;
  listed: boolean;
}

function timing(values: number[]): Timing {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return { median, min: v[0]!, max: v.at(-1)!, runs: v.length };
}

async function coldStart(dataDir: string): Promise<ChildReport> {
  const { stdout } = await run(process.execPath, [join(REPO, 'bench', 'tui-first-paint-child.mjs'), DIST, dataDir], {
    cwd: REPO,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as ChildReport;
}

/** Node alone, for scale: what every run pays before any module loads. */
async function bareStart(): Promise<number> {
  const { stdout } = await run(process.execPath, ['--eval', 'console.log(performance.now())']);
  return Number(stdout.trim());
}

export async function benchTuiFirstPaint(): Promise<string[]> {
  const sessions = Number(process.env.OPENSESSION_BENCH_TUI_SESSIONS ?? 10_000);
  const out: string[] = [];
  const dataDir = await generatedIndex(sessions, (l) => out.push(l));
  // tsc exits non-zero on type errors elsewhere but still emits; the child fails loudly if a module is missing.
  await run(
    process.execPath,
    [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', DIST],
    {
      cwd: REPO,
    },
  ).catch(() => undefined);
  await coldStart(dataDir); // warm the OS file cache, as any second launch finds it
  const reports: ChildReport[] = [];
  for (let i = 0; i < RUNS; i++) reports.push(await coldStart(dataDir));
  if (!reports.every((r) => r.listed)) out.push('WARNING: a first paint did not show the session list');
  const bare: number[] = [];
  for (let i = 0; i < 3; i++) bare.push(await bareStart());
  const paint = timing(reports.map((r) => r.paint));
  out.push(
    `history: ${sessions} sessions (${dataDir})`,
    `  first paint (session list on screen), from process start: ${fmtTiming(paint)} (target < ${TARGET_MS} ms) ${paint.median < TARGET_MS ? 'OK' : 'ABOVE TARGET'}`,
    `  interactive (Ink loaded, keys handled), from process start: ${fmtTiming(timing(reports.map((r) => r.interactive)))}`,
    `  node start alone: ${fmtTiming(timing(bare))}`,
  );
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const line of await benchTuiFirstPaint()) console.log(line);
}
