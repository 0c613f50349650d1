import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBigClaudeFile, generateHistory } from '../gen/generate.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CORPUS = resolve(REPO, '..', 'shared', 'corpus');
export const CACHE = join(REPO, 'bench', '.cache');

/** History sizes of issue 9: S and M by default, L only when asked for (it is ~5 GB). */
export const SIZES = { S: 1_000, M: 10_000, L: 50_000 } as const;
export type SizeName = keyof typeof SIZES;

/** Sizes to run: `OPENSESSION_BENCH_SIZES=S,M,L` (default S,M). */
export function sizesFromEnv(env = process.env): SizeName[] {
  const names = (env.OPENSESSION_BENCH_SIZES ?? 'S,M').split(',').map((s) => s.trim().toUpperCase());
  return names.filter((n): n is SizeName => n in SIZES);
}

/**
 * A generated home of `sessions` sessions in the tools' real layouts, built once into
 * bench/.cache (seeded, so every machine gets the same files). A marker file is written
 * last, so an interrupted build is redone rather than measured.
 */
export function generatedHome(sessions: number, log: (line: string) => void): string {
  const home = join(CACHE, `home-${sessions}`);
  const done = join(home, '.complete');
  if (existsSync(done)) return home;
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const t = performance.now();
  const gen = generateHistory({ home, sessions, corpus: CORPUS });
  log(
    `generated ${sessions} sessions: ${gen.files} files, ${(gen.bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s (${Object.entries(
      gen.byTool,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );
  writeFileSync(done, JSON.stringify(gen));
  return home;
}

/** One Claude Code transcript of about `mb` MiB, cached under bench/.cache. */
export async function bigClaudeFile(mb: number, log: (line: string) => void): Promise<string> {
  const file = join(CACHE, mb === 1024 ? 'big-claude-1g.jsonl' : `big-claude-${mb}m.jsonl`);
  if (existsSync(file)) return file;
  const t = performance.now();
  const written = await generateBigClaudeFile(`${file}.part`, mb * 2 ** 20, CORPUS);
  await rename(`${file}.part`, file);
  log(`generated ${file} (${(written / 1e6).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return file;
}

/** Percentile (0–100) of already sorted numbers, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
