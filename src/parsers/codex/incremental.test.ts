import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HailEvent } from '../../hail/session.js';
import { recomputeStats } from '../../hail/stats.js';
import type { ResumeState } from '../types.js';
import { codexParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/codex/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/codex/', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codex-inc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN_KEYS = ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_creation_tokens'];

/** An event without its token attributes: where usage lands may differ across read boundaries, totals may not. */
function withoutTokens(e: HailEvent): HailEvent {
  const attributes = Object.fromEntries(Object.entries(e.attributes ?? {}).filter(([k]) => !TOKEN_KEYS.includes(k)));
  const { attributes: _drop, ...rest } = e;
  return Object.keys(attributes).length ? { ...rest, attributes } : rest;
}

/**
 * Writes `bytes` to a file in `cuts` appends (cut points fall mid-line too) and reads it
 * incrementally after each, merging events by id as the index does.
 */
async function readInAppends(bytes: Buffer, cuts: number[]): Promise<Map<string, HailEvent>> {
  const file = join(dir, 'rollout-2026-01-01T00-00-00-0199aaaa-bbbb-7ccc-8ddd-000000000000.jsonl');
  writeFileSync(file, '');
  const merged = new Map<string, HailEvent>();
  let offset = 0;
  let resume: ResumeState | undefined;
  let written = 0;
  for (const cut of [...cuts, bytes.length]) {
    appendFileSync(file, bytes.subarray(written, cut));
    written = cut;
    const r = await codexParser.parse(file, { fromOffset: offset, ...(resume ? { resume } : {}) });
    for (const s of r.sessions) for (const e of s.events) merged.set(e.event_id, e);
    offset = r.offset ?? 0;
    resume = r.resume ? (JSON.parse(JSON.stringify(r.resume)) as ResumeState) : undefined;
  }
  return merged;
}

const cutsFor = (size: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.floor(((i + 1) * size) / (n + 1)));

const FILES = [
  join(CORPUS, 'v0.105.0-cli-2026-03-long-TRUNCATED.jsonl'),
  join(CORPUS, 'v0.118.0-tui-2026-04-exec-command-end.jsonl'),
  join(CORPUS, 'v0.36.0-2025-09-turn-context-aborted.jsonl'),
  join(CORPUS, 'v0.58.0-2025-11-ghost-snapshot.jsonl'),
  join(CORPUS, '2025-08-jsonl-pre-session_meta-function-calls.jsonl'),
  join(FIXTURES, 'rollout-2026-01-02T03-04-05-0199aaaa-bbbb-7ccc-8ddd-ffffffffffff.jsonl'),
];

describe('codex incremental reads', () => {
  for (const f of FILES) {
    it(`appending ${f.split('/').pop()} in pieces gives the same events and totals as one read`, async () => {
      const bytes = readFileSync(f);
      const full = (await codexParser.parse(f)).sessions[0]!;
      for (const n of [1, 7, 23]) {
        const merged = await readInAppends(bytes, cutsFor(bytes.length, n));
        const events = full.events.map((e) => merged.get(e.event_id));
        expect(merged.size).toBe(full.events.length);
        expect(events.map((e) => e && withoutTokens(e))).toEqual(full.events.map(withoutTokens));
        const totals = recomputeStats([...merged.values()]);
        expect(totals.total_input_tokens).toBe(full.stats.total_input_tokens);
        expect(totals.total_output_tokens).toBe(full.stats.total_output_tokens);
        expect(totals.total_cache_read_tokens).toBe(full.stats.total_cache_read_tokens);
      }
    });
  }

  it('returns only new events and an offset at the end of the last complete line', async () => {
    const src = join(CORPUS, 'v0.118.0-tui-2026-04-exec-command-end.jsonl');
    const bytes = readFileSync(src);
    const file = join(dir, 'rollout-x.jsonl');
    const half = bytes.indexOf(0x0a, bytes.length >> 1) + 20; // mid-line
    writeFileSync(file, bytes.subarray(0, half));
    const first = await codexParser.parse(file);
    expect(first.offset).toBe(bytes.lastIndexOf(0x0a, half - 1) + 1);
    expect(first.warnings.map((w) => w.kind)).toContain('truncated');
    appendFileSync(file, bytes.subarray(half));
    const second = await codexParser.parse(file, { fromOffset: first.offset!, resume: first.resume! });
    expect(second.offset).toBe(bytes.length);
    const firstIds = new Set(first.sessions[0]!.events.map((e) => e.event_id));
    const fresh = second.sessions[0]!.events.filter((e) => !firstIds.has(e.event_id));
    // Only shell events re-sent with the exit code they just got may repeat an id.
    for (const e of second.sessions[0]!.events.filter((e) => firstIds.has(e.event_id)))
      expect(e.event_type.type).toBe('ShellCommand');
    expect(fresh.length).toBeGreaterThan(0);
    expect(second.sessions[0]!.session_id).toBe('019d688b-3b5f-72c0-8028-4a4af562b9f5');
    expect(second.sessions[0]!.agent.model).toBe('gpt-5.4');
  });

  it('returns nothing new when nothing was appended', async () => {
    const src = join(CORPUS, 'v0.36.0-2025-09-turn-context-aborted.jsonl');
    const first = await codexParser.parse(src);
    const again = await codexParser.parse(src, { fromOffset: first.offset!, resume: first.resume! });
    expect(again.sessions).toEqual([]);
    expect(again.offset).toBe(first.offset);
  });

  it('starts over when the resume state is not its own', async () => {
    const src = join(CORPUS, 'v0.36.0-2025-09-turn-context-aborted.jsonl');
    const full = await codexParser.parse(src);
    const r = await codexParser.parse(src, { fromOffset: 1000, resume: { foreign: true } });
    expect(r.sessions[0]!.events).toHaveLength(full.sessions[0]!.events.length);
  });
});
