import { describe, expect, it } from 'vitest';
import { toHailJsonl } from '../../../src/hail/jsonl-write.js';
import { sampleSession } from '../../../test/fixtures/sample-session.js';
import { HailParseError, parseHailStream, parseHailText } from './hail-text.js';

const streamOf = (text: string, size: number) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      const bytes = new TextEncoder().encode(text);
      for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.slice(i, i + size));
      c.close();
    },
  });

describe('parseHailText', () => {
  it('reads what src/hail writes', () => {
    const s = sampleSession();
    expect(parseHailText(toHailJsonl(s))).toEqual({ session: s, issues: [] });
  });

  it('skips bad lines after the header, names them, and recomputes stats', () => {
    const s = sampleSession();
    const lines = toHailJsonl(s).split('\n');
    lines.splice(2, 0, '{not json', '{"type":"event","event_id":1}', '[1]');
    const r = parseHailText(lines.join('\n'));
    expect(r.session.events).toHaveLength(s.events.length);
    expect(r.issues.map((i) => i.line)).toEqual([3, 4, 5]);
    expect(r.issues[0]?.message).toMatch(/invalid JSON/);
    expect(r.issues[1]?.message).toMatch(/^event /);
    expect(r.session.stats.event_count).toBe(s.events.length);
  });

  it('refuses a file without a valid header, naming the line', () => {
    expect(() => parseHailText('')).toThrow(HailParseError);
    expect(() => parseHailText('{"type":"event"}\n')).toThrow(/line 1: expected the header line first/);
    expect(() => parseHailText('{"type":"header","version":"x","session_id":"s"}')).toThrow(/header agent/);
  });
});

describe('parseHailStream', () => {
  it('gives the same result however the bytes are split, and announces the first events early', async () => {
    const s = sampleSession();
    const text = toHailJsonl(s);
    const firsts: number[] = [];
    for (const size of [1, 7, 4096]) {
      const r = await parseHailStream(streamOf(text, size), (p) => firsts.push(p.session.events.length), 2);
      expect(r.session).toEqual(s);
    }
    expect(firsts).toHaveLength(3);
    expect(firsts.every((n) => n >= 2 && n <= s.events.length)).toBe(true);
  });

  it('reads multi-byte characters split across chunks', async () => {
    const s = sampleSession({ context: { ...sampleSession().context, title: 'naïve 日本語 🎉' } });
    const r = await parseHailStream(streamOf(toHailJsonl(s), 3));
    expect(r.session.context.title).toBe('naïve 日本語 🎉');
  });
});
