import { describe, expect, it } from 'vitest';
import type { HailEvent } from '../../../src/hail/session.js';
import { recomputeStats } from '../../../src/hail/stats.js';
import { sampleSession } from '../../../test/fixtures/sample-session.js';
import { buildTimeline, filterItems, findInItems, minimapMarks, NO_FILTER, positionOfEvent } from './timeline-items.js';

const ev = (id: string, event_type: HailEvent['event_type'], text?: string, task_id?: string): HailEvent => ({
  event_id: id,
  timestamp: '2026-01-01T00:00:00Z',
  event_type,
  content: { blocks: text === undefined ? [] : [{ type: 'Text', text }] },
  ...(task_id && { task_id }),
});

const sessionWith = (events: HailEvent[]) => sampleSession({ events, stats: recomputeStats(events) });

describe('buildTimeline', () => {
  it('shows each result with its call (by call_id), and marks the pair as an error when the result failed', () => {
    const t = buildTimeline(sampleSession());
    expect(t.items.map((i) => i.event.event_id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e7']);
    const shell = t.items.find((i) => i.event.event_id === 'e4');
    expect(shell?.result?.event_id).toBe('e6');
    expect(shell?.error).toBe(true);
    expect(shell?.group).toBe('shell');
  });

  it('pairs a result without call_id with the latest open call of the same tool; leaves strays as rows', () => {
    const t = buildTimeline(
      sessionWith([
        ev('c1', { type: 'ToolCall', data: { name: 'Grep' } }),
        ev('r1', { type: 'ToolResult', data: { name: 'Grep', is_error: false } }, 'found'),
        ev('r2', { type: 'ToolResult', data: { name: 'Grep', is_error: false } }, 'stray'),
      ]),
    );
    expect(t.items.map((i) => [i.event.event_id, i.result?.event_id])).toEqual([
      ['c1', 'r1'],
      ['r2', undefined],
    ]);
  });

  it('numbers user turns and puts subagent events in their lane', () => {
    const t = buildTimeline(
      sessionWith([
        ev('u1', { type: 'UserMessage' }, 'first   question\nwith lines'),
        ev('s', { type: 'TaskStart', data: { title: 'explore' } }, undefined, 't1'),
        ev('r', { type: 'FileRead', data: { path: 'a.ts' } }, undefined, 't1'),
        ev('e', { type: 'TaskEnd', data: {} }, undefined, 't1'),
        ev('u2', { type: 'UserMessage' }, 'second'),
      ]),
    );
    expect(t.turns).toEqual([
      { turn: 1, eventId: 'u1', itemIndex: 0, text: 'first question with lines' },
      { turn: 2, eventId: 'u2', itemIndex: 4, text: 'second' },
    ]);
    expect(t.items.map((i) => i.lane)).toEqual([0, 1, 1, 1, 0]);
    expect(t.items[2]?.task).toBe('t1');
    expect(t.maxLane).toBe(1);
  });
});

describe('filters and find', () => {
  const t = buildTimeline(sampleSession());

  it('keeps chosen groups, errors only, and folds a subagent to its start row', () => {
    expect(filterItems(t.items, NO_FILTER)).toHaveLength(t.items.length);
    const msgs = filterItems(t.items, { ...NO_FILTER, groups: new Set(['message']) });
    expect(msgs.map((i) => i.event.event_id)).toEqual(['e1', 'e7']);
    expect(filterItems(t.items, { ...NO_FILTER, errorsOnly: true }).map((i) => i.event.event_id)).toEqual(['e4']);
    const sub = buildTimeline(
      sessionWith([
        ev('s', { type: 'TaskStart', data: { title: 'x' } }, undefined, 't1'),
        ev('r', { type: 'FileRead', data: { path: 'a.ts' } }, undefined, 't1'),
      ]),
    );
    expect(filterItems(sub.items, { ...NO_FILTER, folded: new Set(['t1']) }).map((i) => i.event.event_id)).toEqual([
      's',
    ]);
  });

  it('finds text in events, their data and their results, case-insensitively', () => {
    expect(findInItems(t.items, 'FAILING')).toEqual([0, 3]);
    expect(findInItems(t.items, 'npm TEST')).toEqual([3]);
    expect(findInItems(t.items, '  ')).toEqual([]);
  });

  it('locates an event, also a result shown with its call', () => {
    expect(positionOfEvent(t.items, 'e6')).toBe(3);
    expect(positionOfEvent(t.items, 'nope')).toBe(-1);
  });

  it('marks turns, errors and matches once per slice of the minimap', () => {
    const marks = minimapMarks(t.items, [0, 3]);
    expect(marks).toContainEqual({ pos: 0, kind: 'turn', label: 'Turn 1' });
    expect(marks).toContainEqual({ pos: 3, kind: 'error', label: 'Error' });
    expect(marks.filter((m) => m.kind === 'match').map((m) => m.pos)).toEqual([0, 3]);
    const many = buildTimeline(
      sessionWith(Array.from({ length: 3000 }, (_, i) => ev(`u${i}`, { type: 'UserMessage' }, 'q'))),
    );
    expect(minimapMarks(many.items, [], 100).length).toBe(100);
  });
});
