import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.js';

describe('SseParser', () => {
  it('frames events across arbitrary chunk boundaries, with ids and multi-line data', () => {
    const text =
      ': keepalive\n\nevent: event\nid: 1\ndata: {"a":1}\n\nevent: event\nid: 2\ndata: line1\ndata: line2\n\n';
    for (const size of [1, 2, 5, 1000]) {
      const p = new SseParser();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...p.feed(text.slice(i, i + size)));
      expect(out).toEqual([
        { event: 'event', data: '{"a":1}', id: '1' },
        { event: 'event', data: 'line1\nline2', id: '2' },
      ]);
    }
  });

  it('accepts CRLF and CR line endings, defaults the event name, ignores events without data', () => {
    const p = new SseParser();
    expect(p.feed('data: x\r\n\r\nevent: end\r\n\r\ndata:y\r\r\n')).toEqual([
      { event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });

  it('waits when a chunk ends on a CR that may start a CRLF', () => {
    const p = new SseParser();
    expect(p.feed('data: a\r')).toEqual([]);
    expect(p.feed('\n\r\n')).toEqual([{ event: 'message', data: 'a' }]);
  });
});
