/**
 * Child process of the `index` benchmark: one `indexSources` run over a home into a data dir,
 * in a fresh process so its peak RSS is the indexer's. Prints one JSON line.
 */
import { rootsFromEnv } from '../src/parsers/discover.js';
import { loadParsers } from '../src/parsers/registry.js';
import { indexPath, openIndex } from '../src/store/db.js';
import { indexSources } from '../src/store/indexer.js';

async function main(): Promise<void> {
  const [home, dataDir] = process.argv.slice(2);
  if (!home || !dataDir) throw new Error('usage: index-child.ts <home> <data-dir>');
  const db = openIndex(indexPath(dataDir));
  // Loaded before the clock starts, as in the daemon, which keeps them loaded between runs.
  const parsers = await loadParsers();
  const t = performance.now();
  const summary = await indexSources({ db, dataDir, roots: rootsFromEnv({}, home), parsers });
  const ms = performance.now() - t;
  db.close();
  console.log(
    JSON.stringify({
      ms,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      totals: summary.totals,
      warnings: summary.warningCount,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
