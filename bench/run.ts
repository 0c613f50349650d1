/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name> [...]` runs the named ones.
 * Each prints figures and ratios (never pass/fail timings: those live here, not in tests).
 */
import { arch, cpus, totalmem } from 'node:os';

type Bench = () => Promise<string[]>;

const BENCHES: Record<string, () => Promise<Bench>> = {
  hail: async () => (await import('./hail-io.js')).benchHailIo,
  parse: async () => (await import('./parse.js')).benchParse,
  index: async () => (await import('./index.js')).benchIndex,
  server: async () => (await import('./server.js')).benchServer,
  tui: async () => (await import('./tui-first-paint.js')).benchTuiFirstPaint,
  daemon: async () => (await import('./daemon-reliability.js')).benchDaemonReliability,
  cli: async () => (await import('./cli-start.js')).benchCliStart,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  console.log(`# OpenSession benchmarks — ${new Date().toISOString().slice(0, 10)}`);
  console.log(
    `node ${process.version}, ${arch()}, ${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`,
  );
  for (const name of names.length ? names : Object.keys(BENCHES)) {
    const run = await (BENCHES[name] as () => Promise<Bench>)();
    console.log(`## ${name}`);
    for (const line of await run()) console.log(line);
    console.log('');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
