/**
 * How fast the CLI answers before any real work: `opensession --version` (target < 80 ms,
 * wall, including Node's own start), `--help`, and a command's `--help` (which loads only
 * that command's definition), each next to a bare `node -e ''` on the same machine, both
 * without NODE_EXTRA_CA_CERTS.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO } from './lib/history.js';
import { fmtTiming, measurePair } from './lib/measure.js';

const exec = promisify(execFile);
// This machine sets NODE_EXTRA_CA_CERTS, which makes every node process parse a CA bundle at start
// (~50 ms here): not something a user's shell usually does, so the children run without it.
const { NODE_EXTRA_CA_CERTS: _ca, ...env } = process.env;
const run = (file: string, args: string[]) => exec(file, args, { env });
const CLI = join(REPO, 'dist', 'cli', 'main.js');
const TARGET_MS = 80;

export async function benchCliStart(): Promise<string[]> {
  if (!existsSync(CLI)) return ['skipped: run `npm run build` first'];
  const node = () => run(process.execPath, ['-e', '']);
  const out: string[] = [];
  for (const args of [['--version'], ['--help'], ['session', 'search', '--help']]) {
    const p = await measurePair(node, () => run(process.execPath, [CLI, ...args]), 25, 3);
    const verdict =
      args[0] === '--version' ? ` (target < ${TARGET_MS} ms) ${p.b.median < TARGET_MS ? 'OK' : 'ABOVE TARGET'}` : '';
    out.push(
      `opensession ${args.join(' ')}: ${fmtTiming(p.b)}${verdict}`,
      `  bare node -e '': ${fmtTiming(p.a)}; our own start-up: ${(p.b.median - p.a.median).toFixed(1)} ms`,
    );
  }
  return out;
}
