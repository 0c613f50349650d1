/**
 * Local throughput check (not a test: timings depend on the machine). Compares the parser
 * with bare JSON.parse over the same bytes (the session file and its subagent files):
 *   npx tsx src/parsers/claude-code/throughput.check.ts [transcript.jsonl] [runs]
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileLineBatches } from '../shared/read-lines.js';
import { claudeCodeParser } from './index.js';

const LARGEST = fileURLToPath(
  new URL(
    '../../../../shared/corpus/claude-code/layout-v2.1.97-subagents-dir/-home-vwestberg-Claude/8fd119a6-9ab8-407b-810f-329cfb6153e0.jsonl',
    import.meta.url,
  ),
);

function sessionFiles(path: string): string[] {
  const sub = join(dirname(path), basename(path, '.jsonl'), 'subagents');
  if (!existsSync(sub)) return [path];
  return [
    path,
    ...readdirSync(sub)
      .filter((n) => n.endsWith('.jsonl'))
      .map((n) => join(sub, n)),
  ];
}

async function bare(files: string[]): Promise<void> {
  for (const f of files)
    for await (const batch of fileLineBatches(f)) for (const l of batch) if (l.text) JSON.parse(l.text);
}

async function median(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

async function main(): Promise<void> {
  const path = process.argv[2] ?? LARGEST;
  const runs = Number(process.argv[3] ?? 20);
  const files = sessionFiles(path);
  const mb = files.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
  const tBare = await median(() => bare(files), runs);
  const tParse = await median(() => claudeCodeParser.parse(path), runs);
  const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(1)} MB/s`;
  console.log(`${files.length} file(s), ${mb.toFixed(2)} MB, median of ${runs}`);
  console.log(`bare JSON.parse ${rate(tBare)}, parser ${rate(tParse)}, ratio ${(tBare / tParse).toFixed(2)}`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
