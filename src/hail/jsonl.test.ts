import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import { HailReadError, readHailString } from './jsonl-read.js';
import { toHailJsonl } from './jsonl-write.js';
import { recomputeStats } from './stats.js';

describe('HAIL JSONL', () => {
  it('round-trips a session to an equal object', async () => {
    const s = sampleSession();
    const { session, issues } = await readHailString(toHailJsonl(s));
    expect(issues).toEqual([]);
    expect(session).toEqual(s);
  });

  it('writes header, events and stats, each line ending in a newline', () => {
    const text = toHailJsonl(sampleSession());
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(JSON.parse(lines[0]!).type).toBe('header');
    expect(JSON.parse(lines[0]!).version).toBe('hail-1.0.0');
    expect(JSON.parse(lines.at(-2)!).type).toBe('stats');
    expect(lines.length - 1).toBe(2 + sampleSession().events.length);
  });

  it('skips a corrupt middle line in lenient mode and names its line number', async () => {
    const lines = toHailJsonl(sampleSession()).split('\n');
    lines[3] = '{"type":"event","event_id": BROKEN';
    const { session, issues } = await readHailString(lines.join('\n'));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.line).toBe(4);
    expect(issues[0]!.message).toMatch(/invalid JSON/);
    expect(session.events.map((e) => e.event_id)).toEqual(['e1', 'e2', 'e4', 'e5', 'e6', 'e7']);
    // The stored stats line no longer matches what was read: recomputed.
    expect(session.stats).toEqual(recomputeStats(session.events));
  });

  it('fails in strict mode with the line number', async () => {
    const lines = toHailJsonl(sampleSession()).split('\n');
    lines[2] = '{"type":"event","event_id":"x","timestamp":"t","event_type":{"type":"Nope"},"content":{"blocks":[]}}';
    await expect(readHailString(lines.join('\n'), { strict: true })).rejects.toThrow(/^line 3: event event_type/);
  });

  it('requires the header on the first line', async () => {
    const lines = toHailJsonl(sampleSession()).split('\n');
    await expect(readHailString(lines.slice(1).join('\n'))).rejects.toBeInstanceOf(HailReadError);
    await expect(readHailString('')).rejects.toThrow(/missing header/);
  });

  it('skips blank lines and extra headers, and recomputes stats when absent', async () => {
    const lines = toHailJsonl(sampleSession()).split('\n');
    const text = [lines[0], '', lines[0], ...lines.slice(1, -2)].join('\r\n');
    const { session, issues } = await readHailString(text);
    expect(issues).toEqual([]);
    expect(session.events).toHaveLength(7);
    expect(session.stats.event_count).toBe(7);
  });

  it('reads a last line without a trailing newline', async () => {
    const text = toHailJsonl(sampleSession()).trimEnd();
    const { session } = await readHailString(text);
    expect(session.stats.event_count).toBe(7);
  });
});

describe('recomputeStats', () => {
  it('follows the reference counting rules', () => {
    const st = recomputeStats(sampleSession().events);
    expect(st).toMatchObject({
      event_count: 7,
      message_count: 2,
      user_message_count: 1,
      tool_call_count: 1, // FileRead only: Shell, Edit and ToolResult do not count
      files_changed: 1,
      lines_added: 2,
      lines_removed: 1,
      total_input_tokens: 1200,
      total_output_tokens: 80,
      duration_seconds: 9,
      task_count: 0,
    });
  });
});
