import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import type { HailEvent, Session } from './session.js';
import { mapSessionStrings, type StringSite } from './walk-strings.js';

const event = (over: Partial<HailEvent>): HailEvent => ({
  event_id: 'ev',
  timestamp: '2026-01-01T00:00:00Z',
  event_type: { type: 'AgentMessage' },
  content: { blocks: [] },
  ...over,
});

function visits(s: Session): StringSite[] {
  const seen: StringSite[] = [];
  mapSessionStrings(s, (v, site) => {
    seen.push(site);
    return v;
  });
  return seen;
}

const fields = (s: Session) => visits(s).map((v) => v.field);

describe('mapSessionStrings', () => {
  describe('valid', () => {
    it('visits event data, blocks, attributes and context with their field and event id', () => {
      const s = sampleSession({
        events: [
          event({
            event_id: 'a',
            event_type: { type: 'FileEdit', data: { path: 'src/x.ts', diff: '+x' } },
            content: {
              blocks: [
                { type: 'Text', text: 't' },
                { type: 'Code', code: 'c', language: 'ts' },
                { type: 'File', path: 'p', content: 'fc' },
                { type: 'Image', url: 'https://x/y.png', alt: 'alt', mime: 'image/png' },
                { type: 'Reference', uri: 'file:///r', media_type: 'text/plain' },
              ],
            },
            attributes: { cwd: '/w' },
          }),
        ],
      });
      const v = visits(s);
      expect(v.filter((x) => x.event_id === 'a').map((x) => [x.field, x.role])).toEqual([
        ['event_type.data.path', 'path'],
        ['event_type.data.diff', 'text'],
        ['content.blocks[0].text', 'text'],
        ['content.blocks[1].code', 'text'],
        ['content.blocks[2].path', 'path'],
        ['content.blocks[2].content', 'text'],
        ['content.blocks[3].url', 'url'],
        ['content.blocks[3].alt', 'text'],
        ['content.blocks[4].uri', 'url'],
        ['attributes.cwd', 'key'],
        ['attributes.cwd', 'text'],
      ]);
      expect(v.filter((x) => x.event_id === undefined).map((x) => x.field)).toEqual([
        'context.tags[0]',
        'context.title',
        'context.attributes.cwd',
        'context.attributes.cwd',
      ]);
    });

    it('walks Json data and attributes recursively, keys included, array items keeping their key', () => {
      const s = sampleSession({
        events: [
          event({
            content: { blocks: [{ type: 'Json', data: { env: { API_KEY: 'k' }, list: [{ n: 'x' }, 'y'], num: 3 } }] },
            attributes: { all_cwds: ['/a', '/b'] },
          }),
        ],
      });
      const v = visits(s).filter((x) => x.role !== 'key' && x.event_id === 'ev');
      expect(v.map((x) => [x.field, x.key])).toEqual([
        ['content.blocks[0].data.env.API_KEY', 'API_KEY'],
        ['content.blocks[0].data.list[0].n', 'n'],
        ['content.blocks[0].data.list[1]', 'list'],
        ['attributes.all_cwds[0]', 'all_cwds'],
        ['attributes.all_cwds[1]', 'all_cwds'],
      ]);
    });

    it('returns a new session that shares no objects with the input', () => {
      const s = sampleSession();
      const before = structuredClone(s);
      const out = mapSessionStrings(s, (v) => v.toUpperCase());
      expect(s).toEqual(before);
      expect(out.events[0]!.content.blocks[0]).toEqual({
        type: 'Text',
        text: 'FIX THE FAILING AUTH TEST IN /HOME/ALICE/PROJ',
      });
      out.context.attributes!.cwd = 'changed';
      out.events[2]!.attributes!.model = 'changed';
      out.context.tags.push('t');
      expect(s).toEqual(before);
    });
  });

  describe('invalid', () => {
    it('never visits ids, timestamps, mime types, languages or the agent', () => {
      const s = sampleSession({
        events: [
          event({
            task_id: 'task-1',
            event_type: { type: 'ToolResult', data: { name: 'Bash', is_error: false, call_id: 'c1' } },
            content: { blocks: [{ type: 'Code', code: 'x', language: 'bash' }] },
          }),
        ],
      });
      s.context.related_session_ids = ['r1'];
      const f = fields(s);
      expect(f).toContain('event_type.data.name');
      for (const skipped of [
        'event_id',
        'timestamp',
        'task_id',
        'event_type.data.call_id',
        'content.blocks[0].language',
      ]) {
        expect(f).not.toContain(skipped);
      }
      expect(f.some((x) => x.startsWith('agent') || x.includes('session_id') || x.includes('created_at'))).toBe(false);
    });
  });

  describe('edge', () => {
    it('marks data: URLs as inline media wherever they are', () => {
      const s = sampleSession({
        events: [
          event({
            content: {
              blocks: [
                { type: 'Image', url: 'data:image/png;base64,iVBORw0KGgo=', mime: 'image/png' },
                { type: 'Json', data: { src: 'data:image/gif;base64,R0lGOD' } },
              ],
            },
          }),
        ],
      });
      const media = visits(s).filter((x) => x.role === 'data-url');
      expect(media.map((x) => x.field)).toEqual(['content.blocks[0].url', 'content.blocks[1].data.src']);
    });

    it('keeps a __proto__ key as data and quotes odd keys in field paths', () => {
      const data = JSON.parse('{"__proto__": {"polluted": "yes"}, "/home/a b": "v"}');
      const s = sampleSession({ events: [event({ content: { blocks: [{ type: 'Json', data }] } })] });
      const out = mapSessionStrings(s, (v) => v);
      const copy = (out.events[0]!.content.blocks[0] as { data: Record<string, unknown> }).data;
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect(Object.keys(copy)).toEqual(['__proto__', '/home/a b']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(fields(s)).toContain('content.blocks[0].data["/home/a b"]');
    });
  });
});
