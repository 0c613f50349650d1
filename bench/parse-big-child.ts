/**
 * Child process for the `parse` benchmark: parses one big Claude Code file in a fresh
 * process so its peak RSS is the parser's alone. Prints one JSON line: {events, ms, peakRssMb}.
 */
import { loadParser } from '../src/parsers/registry.js';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: parse-big-child.ts <file>');
  const parser = await loadParser('claude-code');
  if (!parser) throw new Error('claude-code parser not registered');
  const t = performance.now();
  const result = await parser.parse(file);
  const ms = performance.now() - t;
  const events = result.sessions.reduce((n, s) => n + s.events.length, 0);
  console.log(
    JSON.stringify({
      events,
      sessions: result.sessions.length,
      warnings: result.warnings.length,
      ms,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
