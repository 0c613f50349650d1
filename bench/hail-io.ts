import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileChunks } from '../src/hail/file-chunks.js';
import { readHailBatches } from '../src/hail/jsonl-read.js';
import { hailLines } from '../src/hail/jsonl-write.js';
import type { HailEvent, Session } from '../src/hail/session.js';
import { recomputeStats } from '../src/hail/stats.js';
import { readHailFile } from '../src/parsers/hail-file.js';
import { fmtTiming, mbps, measure, measurePair, type Timing } from './lib/measure.js';

const WORDS = 'the quick agent reads src/auth.ts then runs npm test and edits the failing assertion again'.split(' ');

/** A deterministic session of `n` events with realistic text sizes (~600 bytes a line). */
export function syntheticSession(n: number): Session {
  const events: HailEvent[] = [];
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 40 + (i % 60) }, (_, k) => WORDS[(i * 7 + k) % WORDS.length]).join(' ');
    const kind = i % 4;
    events.push({
      event_id: `e${i}`,
      timestamp: new Date(base + i * 1000).toISOString(),
      event_type:
        kind === 0
          ? { type: 'UserMessage' }
          : kind === 1
            ? { type: 'AgentMessage' }
            : kind === 2
              ? { type: 'ShellCommand', data: { command: `npm test -- --grep case${i}`, exit_code: i % 5 ? 0 : 1 } }
              : { type: 'FileRead', data: { path: `/home/dev/proj/src/module${i % 50}.ts` } },
      content: { blocks: [{ type: 'Text', text: words }] },
      ...(kind === 1 ? { attributes: { model: 'claude-opus-4-6', input_tokens: 1000 + i, output_tokens: 50 } } : {}),
    });
  }
  return {
    version: 'hail-1.0.0',
    session_id: 'bench',
    agent: { provider: 'anthropic', model: 'claude-opus-4-6', tool: 'claude-code' },
    context: { title: 'bench', tags: [], created_at: events[0]!.timestamp, updated_at: events.at(-1)!.timestamp },
    events,
    stats: recomputeStats(events),
  };
}

export async function writeFileStreaming(path: string, s: Session): Promise<void> {
  const out = createWriteStream(path);
  for (const line of hailLines(s)) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function measureWrite(file: string, events: number): Promise<Timing> {
  const session = syntheticSession(events);
  return measure(() => writeFileStreaming(file, session), 3);
}

export async function benchHailIo(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'os-bench-hail-'));
  const file = join(dir, 'bench.hail.jsonl');
  const events = 120_000;
  try {
    // The generated session is dropped before reading: a 120k-event object kept alive would
    // bill the readers for garbage collection of the benchmark's own data.
    const write = await measureWrite(file, events);
    const bytes = (await stat(file)).size;
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    const streamed = await measurePair(
      async () => {
        for await (const _ of readHailBatches(fileChunks(file))) {
          // consume
        }
      },
      () => {
        for (const l of lines) JSON.parse(l);
      },
      9,
      3,
    );
    const whole = await measurePair(
      () => readHailFile(file),
      () => lines.map((l) => JSON.parse(l)),
      5,
    );
    const [stream, bare, read, bareKept] = [streamed.a, streamed.b, whole.a, whole.b];
    const ratio = streamed.ratio;
    const ratioKept = whole.ratio;
    return [
      `HAIL JSONL: ${events} events, ${(bytes / 1e6).toFixed(1)} MB`,
      `  write: ${mbps(bytes, write.median).toFixed(0)} MB/s  ${fmtTiming(write)}`,
      `  streaming read (file -> validated records): ${mbps(bytes, stream.median).toFixed(0)} MB/s  ${fmtTiming(stream)}`,
      `  whole-session read (readHailFile): ${mbps(bytes, read.median).toFixed(0)} MB/s  ${fmtTiming(read)}`,
      `  bare JSON.parse of the same lines (in memory, results dropped): ${mbps(bytes, bare.median).toFixed(0)} MB/s  ${fmtTiming(bare)}`,
      `  bare JSON.parse keeping the results: ${mbps(bytes, bareKept.median).toFixed(0)} MB/s  ${fmtTiming(bareKept)}`,
      `  ratio streaming read / bare JSON.parse (median of interleaved pairs): ${ratio.toFixed(2)} (target >= 0.60) ${ratio >= 0.6 ? 'OK' : 'BELOW TARGET'}`,
      `  ratio whole-session read / bare JSON.parse keeping results: ${ratioKept.toFixed(2)}`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
