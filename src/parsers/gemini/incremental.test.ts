import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HailEvent } from '../../hail/session.js';
import type { ResumeState } from '../types.js';
import { geminiParser } from './index.js';

const CHAT = fileURLToPath(
  new URL(
    '../../../test/fixtures/gemini/home/.gemini/tmp/demo-project/chats/session-2026-01-05T10-00-abcd1234.jsonl',
    import.meta.url,
  ),
);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gemini-inc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (): string[] => readFileSync(CHAT, 'utf8').trimEnd().split('\n');

describe('gemini JSONL incremental reads', () => {
  it('resumes from the offset and re-sends updated messages under the same ids', async () => {
    const all = lines();
    const file = join(dir, 'session-2026-01-05T10-00-abcd1234.jsonl');
    writeFileSync(file, `${all.slice(0, 3).join('\n')}\n`); // header, u1, first version of g1
    const first = await geminiParser.parse(file);
    expect(first.sessions[0]!.events.map((e) => e.event_id)).toEqual([
      'u1',
      'g1-thought-0',
      'read_file-1',
      'read_file-1-result',
    ]);
    appendFileSync(file, `${all.slice(3, 5).join('\n')}\n`); // g1 again, with more calls and tokens
    const second = await geminiParser.parse(file, { fromOffset: first.offset!, resume: first.resume! });
    const ids = second.sessions[0]!.events.map((e) => e.event_id);
    expect(ids).toContain('read_file-1'); // the same event, to be replaced
    expect(ids).toContain('write_file-1');
    expect(ids).not.toContain('u1');
    expect(second.sessions[0]!.session_id).toBe('abcd1234-5678-4abc-9def-0123456789ab');
    expect(second.sessions[0]!.stats.total_input_tokens).toBe(405);
  });

  it('merged by id, appends give the events of one full read (subagent lanes aside)', async () => {
    const all = lines();
    const file = join(dir, 'session-x.jsonl');
    writeFileSync(file, '');
    const merged = new Map<string, HailEvent>();
    let offset = 0;
    let resume: ResumeState | undefined;
    for (const line of all) {
      // Each record arrives in two writes: a half line first, as a live writer would leave it.
      const half = Math.floor(line.length / 2);
      for (const piece of [line.slice(0, half), `${line.slice(half)}\n`]) {
        appendFileSync(file, piece);
        const r = await geminiParser.parse(file, { fromOffset: offset, ...(resume ? { resume } : {}) });
        for (const s of r.sessions) for (const e of s.events) merged.set(e.event_id, e);
        offset = r.offset ?? 0;
        resume = r.resume ? (JSON.parse(JSON.stringify(r.resume)) as ResumeState) : undefined;
      }
    }
    const full = (await geminiParser.parse(file)).sessions[0]!;
    const main = full.events.filter((e) => !e.task_id);
    // x1 was written then rewound: a resumed read cannot withdraw it, a full read drops it.
    expect([...merged.keys()].filter((id) => id !== 'x1').sort()).toEqual(main.map((e) => e.event_id).sort());
    for (const e of main) expect(merged.get(e.event_id)).toEqual(e);
  });
});
