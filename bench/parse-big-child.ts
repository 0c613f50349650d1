/**
 * Child process for the `parse` benchmark: parses one big Claude Code file in a fresh
 * process so its peak RSS is the parser's alone, the way the indexer reads it: a slice of
 * SLICE_BYTES at a time, each slice's events dropped before the next (the indexer writes them
 * out). `whole` reads it in one go instead. Prints one JSON line: {events, ms, peakRssMb, slices}.
 */
import { loadParser } from '../src/parsers/registry.js';
import type { ParseOptions } from '../src/parsers/types.js';
import { SLICE_BYTES } from '../src/store/indexer.js';

async function main(): Promise<void> {
  const [file, mode = 'paged'] = process.argv.slice(2);
  if (!file) throw new Error('usage: parse-big-child.ts <file> [paged|whole]');
  const parser = await loadParser('claude-code');
  if (!parser) throw new Error('claude-code parser not registered');
  const slice = Number(process.env.OPENSESSION_BENCH_SLICE_MB ?? 0) * 2 ** 20 || SLICE_BYTES;
  const paging = mode === 'whole' ? {} : { maxBytes: slice };
  const t = performance.now();
  let opts: ParseOptions = paging;
  let events = 0;
  let warnings = 0;
  let slices = 0;
  const sessions = new Set<string>();
  for (;;) {
    const result = await parser.parse(file, opts);
    slices++;
    warnings += result.warnings.length;
    for (const s of result.sessions) {
      sessions.add(s.session_id);
      events += s.events.length;
    }
    if (!result.more || result.offset === undefined) break;
    opts = { ...paging, fromOffset: result.offset, resume: result.resume };
  }
  const ms = performance.now() - t;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ events, sessions: sessions.size, warnings, ms, peakRssMb, slices }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
