import { join } from 'node:path';
import { type HailHeader, readHailBatches } from '../../src/hail/jsonl-read.js';
import type { HailEvent } from '../../src/hail/session.js';
import { recomputeStats } from '../../src/hail/stats.js';
import { findFiles, sourcesOf } from '../../src/parsers/shared/discover-fs.js';
import { fileLineBatches } from '../../src/parsers/shared/read-lines.js';
import type { ParseResult, Parser } from '../../src/parsers/types.js';

/**
 * A real append-only parser over `<home>/hail/*.hail.jsonl`, for testing the indexer
 * without depending on any one tool's format. Resume state is the header.
 */
export const hailDirParser: Parser = {
  tool: 'external',
  displayName: 'HAIL dir (test)',
  appendOnly: true,
  discover: async (roots) =>
    sourcesOf('external', await findFiles(join(roots.home, 'hail'), (n) => n.endsWith('.hail.jsonl'), 0)),
  canParse: (path) => path.endsWith('.hail.jsonl'),
  async parse(path, opts = {}): Promise<ParseResult> {
    let header = opts.resume?.header as HailHeader | undefined;
    const events: HailEvent[] = [];
    let offset = opts.fromOffset ?? 0;
    const lines = fileLineBatches(path, offset);
    async function* complete() {
      for await (const batch of lines) {
        const done = batch.filter((l) => l.complete);
        if (done.length) offset = (done.at(-1) as { end: number }).end;
        if (done.length) yield `${done.map((l) => l.text).join('\n')}\n`;
      }
    }
    if (header) {
      for await (const batch of complete()) {
        for (const line of batch.split('\n')) {
          if (!line) continue;
          const o = JSON.parse(line);
          if (o.type === 'event') {
            const { type: _t, ...e } = o;
            events.push(e as HailEvent);
          }
        }
      }
    } else {
      for await (const recs of readHailBatches(complete())) {
        for (const r of recs) {
          if (r.kind === 'header') header = r.header;
          if (r.kind === 'event') events.push(r.event);
        }
      }
    }
    const h = header as HailHeader;
    const session = { ...h, events, stats: recomputeStats(events) };
    return { sessions: [session], warnings: [], offset, resume: { header: h } };
  },
};
