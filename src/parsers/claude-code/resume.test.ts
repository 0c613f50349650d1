import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HailEvent } from '../../hail/session.js';
import { recomputeStats } from '../../hail/stats.js';
import type { ParseResult } from '../types.js';
import { claudeCodeParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/claude-code/', import.meta.url));
const LAYOUT = join(CORPUS, 'layout-v2.1.97-subagents-dir/-home-vwestberg-Claude');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc-resume-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ids = (r: ParseResult) => r.sessions.flatMap((s) => s.events.map((e) => e.event_id));
/**
 * The events of resumed reads as the index keeps them: an event sent again (a streamed
 * message whose usage grew after the read stopped) replaces the earlier one.
 */
const settled = (rs: ParseResult[]) => {
  const byId = new Map<string, HailEvent>();
  for (const r of rs) for (const s of r.sessions) for (const e of s.events) byId.set(e.event_id, e);
  return [...byId.values()];
};
const tokens = (events: HailEvent[]) => {
  const st = recomputeStats(events);
  return st.total_input_tokens + st.total_output_tokens;
};

/** Writes `src` in three appends (the second ends mid-line) and parses after each one. */
async function growAndResume(src: string, dest: string): Promise<ParseResult[]> {
  const lines = readFileSync(src, 'utf8').split('\n');
  const a = Math.floor(lines.length / 3);
  const b = Math.floor((2 * lines.length) / 3);
  writeFileSync(dest, `${lines.slice(0, a).join('\n')}\n`);
  const r1 = await claudeCodeParser.parse(dest);
  const cut = (lines[b] as string).slice(0, 25);
  appendFileSync(dest, `${lines.slice(a, b).join('\n')}\n${cut}`);
  const r2 = await claudeCodeParser.parse(dest, { fromOffset: r1.offset, resume: r1.resume });
  appendFileSync(dest, `${(lines[b] as string).slice(25)}\n${lines.slice(b + 1).join('\n')}`);
  const r3 = await claudeCodeParser.parse(dest, { fromOffset: r2.offset, resume: r2.resume });
  return [r1, r2, r3];
}

describe('incremental parsing', () => {
  for (const name of ['v1.0.58-task-tool-inline-sidechain.jsonl', 'v2.1.1-thinking-queue-operation-webfetch.jsonl']) {
    it(`resumed reads of ${name} add up to one full read`, async () => {
      const dest = join(dir, name);
      const rs = await growAndResume(join(CORPUS, name), dest);
      const full = await claudeCodeParser.parse(dest);
      const chunks = rs.map(ids);
      expect(chunks.every((c) => c.length > 0)).toBe(true);
      expect(new Set(chunks.flat())).toEqual(new Set(ids(full)));
      // Nothing read twice, but for the one message sent again with its final usage.
      expect(chunks.flat().length - ids(full).length).toBeLessThanOrEqual(rs.length - 1);
      expect(tokens(settled(rs))).toBe(tokens(full.sessions[0]?.events ?? []));
      expect(rs[1]?.warnings.map((w) => w.kind)).toEqual(['truncated']); // the half-written line
      expect(rs[2]?.offset).toBe(statSync(dest).size);
      for (const r of rs) expect(JSON.parse(JSON.stringify(r.resume))).toEqual(r.resume);
      const last = rs[2]?.sessions[0];
      expect(last?.session_id).toBe(full.sessions[0]?.session_id);
      expect(last?.context.title).toBe(full.sessions[0]?.context.title);
      expect(last?.agent.model).toBe(full.sessions[0]?.agent.model);
      expect(last?.context.created_at).toBe(full.sessions[0]?.context.created_at);
    });
  }

  it('keeps inline subagent lanes and tool names across resumes', async () => {
    const dest = join(dir, 's.jsonl');
    const [, , r3] = await growAndResume(join(CORPUS, 'v2.0.2-task-subagent-inline-sidechain.jsonl'), dest);
    const full = (await claudeCodeParser.parse(dest)).sessions[0];
    const resumed = r3?.sessions[0];
    const byId = new Map(full?.events.map((e) => [e.event_id, e]));
    for (const e of resumed?.events ?? []) expect(e).toEqual(byId.get(e.event_id));
  });

  it('returns nothing new (same offset) when the file did not grow', async () => {
    const dest = join(dir, 's.jsonl');
    cpSync(join(CORPUS, 'v2.0.65-thinking-file-history.jsonl'), dest);
    const r1 = await claudeCodeParser.parse(dest);
    const r2 = await claudeCodeParser.parse(dest, { fromOffset: r1.offset, resume: r1.resume });
    expect(r2.sessions).toEqual([]);
    expect(r2.offset).toBe(r1.offset);
    expect(r2.warnings).toEqual([]);
  });

  it('reads again from the start when the state is foreign or the file shrank', async () => {
    const dest = join(dir, 's.jsonl');
    cpSync(join(CORPUS, 'v2.0.65-thinking-file-history.jsonl'), dest);
    const full = await claudeCodeParser.parse(dest);
    const foreign = await claudeCodeParser.parse(dest, { fromOffset: 100, resume: { v: 99 } });
    expect(foreign.warnings.map((w) => w.kind)).toEqual(['invalid']);
    expect(ids(foreign)).toEqual(ids(full));
    const shrunk = await claudeCodeParser.parse(dest, { fromOffset: 10 ** 9, resume: full.resume });
    expect(shrunk.warnings.map((w) => w.kind)).toEqual(['truncated']);
    expect(ids(shrunk)).toEqual(ids(full));
  });

  it('re-reads a subagent file that changed, whole, and leaves unchanged ones alone', async () => {
    cpSync(LAYOUT, dir, { recursive: true });
    const main = join(dir, '44ef5cbf-9cc3-4f7b-ac40-337a4d39713b.jsonl');
    const agent = join(dir, '44ef5cbf-9cc3-4f7b-ac40-337a4d39713b/subagents/agent-a71969c1296961234.jsonl');
    const r1 = await claudeCodeParser.parse(main);
    const quiet = await claudeCodeParser.parse(main, { fromOffset: r1.offset, resume: r1.resume });
    expect(quiet.sessions).toEqual([]);
    const lastLine = readFileSync(agent, 'utf8').trimEnd().split('\n').at(-1) as string;
    const extra = JSON.parse(lastLine);
    extra.uuid = 'added-later';
    extra.timestamp = '2026-04-09T13:59:00.000Z';
    appendFileSync(agent, `${JSON.stringify(extra)}\n`);
    const r2 = await claudeCodeParser.parse(main, { fromOffset: r1.offset, resume: r1.resume });
    const events = r2.sessions[0]?.events ?? [];
    expect(events.every((e) => e.task_id === 'a71969c1296961234')).toBe(true);
    const before = new Set(ids(r1));
    const fresh = events.filter((e) => !before.has(e.event_id)).map((e) => e.event_id);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatch(/^a71969c1296961234:added-later/);
  });
});
