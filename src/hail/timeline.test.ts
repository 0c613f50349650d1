import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import type { EventType } from './event-type.js';
import type { HailEvent, Session } from './session.js';
import { recomputeStats } from './stats.js';
import { eventLanes, renderTimelineJsonl, renderTimelineText, type TimelineRow, timelineRows } from './timeline.js';

/** Events one second apart from 09:12:00, ids e0, e1, …; an optional task id per event. */
function sessionOf(specs: [EventType, string?, string?][]): Session {
  const events: HailEvent[] = specs.map(([event_type, text, task_id], i) => ({
    event_id: `e${i}`,
    timestamp: new Date(Date.UTC(2026, 0, 1, 9, 12, i)).toISOString(),
    event_type,
    task_id,
    content: { blocks: text === undefined ? [] : [{ type: 'Text', text }] },
  }));
  return sampleSession({ session_id: 'tl', events, stats: recomputeStats(events) });
}

const start = (title: string): EventType => ({ type: 'TaskStart', data: { title } });
const end = (summary?: string): EventType => ({ type: 'TaskEnd', data: { summary } });
const read = (path: string): EventType => ({ type: 'FileRead', data: { path } });
const brief = (rows: TimelineRow[]) =>
  rows.map((r) => `${r.index} [${r.lanes}] ${r.kind}x${r.count} ${r.summary}`.trimEnd());

describe('timelineRows', () => {
  it('gives the sample session one row per event on the main lane', () => {
    expect(timelineRows(sampleSession())).toEqual([
      {
        index: 0,
        time: '00:00:00',
        lane: 0,
        lanes: '*',
        kind: 'user',
        summary: 'Fix the failing auth test in /home/alice/proj',
        event_id: 'e1',
        count: 1,
      },
      {
        index: 1,
        time: '00:00:01',
        lane: 0,
        lanes: '*',
        kind: 'think',
        summary: 'Look at the test first.',
        event_id: 'e2',
        count: 1,
      },
      {
        index: 2,
        time: '00:00:02',
        lane: 0,
        lanes: '*',
        kind: 'read',
        summary: '/home/alice/proj/src/auth.ts',
        event_id: 'e3',
        count: 1,
      },
      {
        index: 3,
        time: '00:00:03',
        lane: 0,
        lanes: '*',
        kind: 'shell',
        summary: 'npm test (exit 1)',
        event_id: 'e4',
        count: 1,
      },
      {
        index: 4,
        time: '00:00:04',
        lane: 0,
        lanes: '*',
        kind: 'edit',
        summary: 'src/auth.ts (+2 -1)',
        event_id: 'e5',
        count: 1,
      },
      {
        index: 5,
        time: '00:00:05',
        lane: 0,
        lanes: '*',
        kind: 'error',
        summary: 'Bash: Error: 1 failing',
        event_id: 'e6',
        count: 1,
      },
      {
        index: 6,
        time: '00:00:09',
        lane: 0,
        lanes: '*',
        kind: 'agent',
        summary: 'Fixed the token expiry check.',
        event_id: 'e7',
        count: 1,
      },
    ]);
  });

  it('forks a lane per overlapping task and reuses the lowest free one', () => {
    const s = sessionOf([
      [{ type: 'UserMessage' }, 'Split the work'],
      [start('explore'), undefined, 't1'],
      [read('a.ts'), undefined, 't1'],
      [start('tests'), undefined, 't2'],
      [{ type: 'ShellCommand', data: { command: 'npm test', exit_code: 0 } }, undefined, 't2'],
      [end('found it'), undefined, 't1'],
      [read('b.ts'), undefined, 't2'],
      [start('fix'), undefined, 't3'],
      [end(), undefined, 't2'],
      [end('fixed'), undefined, 't3'],
      [{ type: 'AgentMessage' }, 'Done'],
    ]);
    expect(brief(timelineRows(s))).toEqual([
      '0 [*    ] userx1 Split the work',
      '1 [| +  ] startx1 explore [L1 t1]',
      '2 [| *  ] readx1 a.ts',
      '3 [| | +] startx1 tests [L2 t2]',
      '4 [| | *] shellx1 npm test',
      '5 [| - |] endx1 found it',
      '6 [|   *] readx1 b.ts',
      '7 [| + |] startx1 fix [L1 t3]',
      '8 [| | -] endx1',
      '9 [| -  ] endx1 fixed',
      '10 [*    ] agentx1 Done',
    ]);
  });

  it('gives eventLanes the same lanes as the rows, one per event', () => {
    const s = sessionOf([
      [{ type: 'UserMessage' }, 'go'],
      [start('a'), undefined, 't1'],
      [start('b'), undefined, 't2'],
      [read('x.ts'), undefined, 't2'],
      [end(), undefined, 't1'],
      [read('y.ts'), undefined, 't1'],
      [end(), undefined, 't2'],
    ]);
    expect(eventLanes(s.events)).toEqual([0, 1, 2, 2, 1, 0, 2]);
    expect(eventLanes(s.events)).toEqual(timelineRows(s, { collapse: false }).map((r) => r.lane));
  });

  it('draws events of unknown or finished tasks on the main lane and closes the last task on a bare end', () => {
    const s = sessionOf([
      [read('x.ts'), undefined, 'never-started'],
      [start('a'), undefined, 'ta'],
      [start('b'), undefined, 'tb'],
      [end('b done')],
      [read('y.ts'), undefined, 'tb'],
      [end('a done'), undefined, 'ta'],
    ]);
    expect(brief(timelineRows(s))).toEqual([
      '0 [*    ] readx1 x.ts',
      '1 [| +  ] startx1 a [L1 ta]',
      '2 [| | +] startx1 b [L2 tb]',
      '3 [| | -] endx1 b done',
      '4 [* |  ] readx1 y.ts',
      '5 [| -  ] endx1 a done',
    ]);
  });

  it('collapses runs of the same look-up kind in the same lane', () => {
    const result = (is_error: boolean): EventType => ({ type: 'ToolResult', data: { name: 'Read', is_error } });
    const s = sessionOf([
      [read('a.ts')],
      [read('b.ts')],
      [read('a.ts')],
      [{ type: 'CodeSearch', data: { query: 'verify' } }],
      [result(false), 'ok'],
      [result(false), 'ok'],
      [result(true), 'ENOENT'],
      [result(true), 'ENOENT'],
      [start('sub'), undefined, 't'],
      [read('c.ts'), undefined, 't'],
      [read('d.ts')],
      [read('e.ts'), undefined, 't'],
    ]);
    expect(brief(timelineRows(s))).toEqual([
      '0 [*  ] readx3 a.ts, b.ts',
      '3 [*  ] searchx1 verify',
      '4 [*  ] resultx2 Read: ok',
      '6 [*  ] errorx1 Read: ENOENT',
      '7 [*  ] errorx1 Read: ENOENT',
      '8 [| +] startx1 sub [L1 t]',
      '9 [| *] readx1 c.ts',
      '10 [* |] readx1 d.ts',
      '11 [| *] readx1 e.ts',
    ]);
    expect(timelineRows(s, { collapse: false })).toHaveLength(12);
  });

  it('stops at maxRows without folding later events into the last row', () => {
    const s = sessionOf([[read('a.ts')], [read('b.ts')], [{ type: 'Thinking' }, 'hm'], [read('c.ts')]]);
    expect(brief(timelineRows(s, { maxRows: 2 }))).toEqual(['0 [*] readx2 a.ts, b.ts', '2 [*] thinkx1 hm']);
    expect(brief(timelineRows(s, { maxRows: 1 }))).toEqual(['0 [*] readx2 a.ts, b.ts']);
  });

  it('keeps summaries on one line of at most 100 characters', () => {
    const s = sessionOf([[{ type: 'AgentMessage' }, `First line\n\n  second ${'ü'.repeat(150)}`]]);
    s.events[0]!.timestamp = 'not a time';
    const [row] = timelineRows(s);
    expect(row!.summary).toBe(`First line second ${'ü'.repeat(79)}...`);
    expect([...row!.summary]).toHaveLength(100);
    expect(row!.time).toBe('--:--:--');
  });
});

describe('renderTimelineText and renderTimelineJsonl', () => {
  const s = sessionOf([
    [{ type: 'UserMessage' }, 'Fix the failing auth tests'],
    [read('src/auth.rs')],
    [start('explore-auth'), undefined, 'agent-a1b2'],
    [{ type: 'CodeSearch', data: { query: 'fn verify' } }, undefined, 'agent-a1b2'],
    [{ type: 'CodeSearch', data: { query: 'fn login' } }, undefined, 'agent-a1b2'],
    [end(), undefined, 'agent-a1b2'],
    [{ type: 'AgentMessage' }, ''],
  ]);
  const rows = timelineRows(s);

  it('renders a header and aligned rows without trailing spaces', () => {
    expect(renderTimelineText(s, rows)).toBe(`session_id: tl
tool/model: claude-code / claude-opus-4-6
events: 7 | rows: 6 | max_active_agents: 2 | max_lane_index: 1

   0 09:12:00  *         user Fix the failing auth tests
   1 09:12:01  *         read src/auth.rs
   2 09:12:02  | +      start explore-auth [L1 agent-a1b2]
   3 09:12:03  | *  search x2 fn verify, fn login
   5 09:12:05  | -        end
   6 09:12:06  *        agent
`);
  });

  it('renders a meta line then one line per row', () => {
    const lines = renderTimelineJsonl(s, rows)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({
      type: 'meta',
      session_id: 'tl',
      tool: 'claude-code',
      model: 'claude-opus-4-6',
      events: 7,
      rows: 6,
      max_active_agents: 2,
      max_lane_index: 1,
    });
    expect(lines.slice(1)).toHaveLength(6);
    expect(lines[4]).toEqual({ type: 'line', index: 3, text: '   3 09:12:03  | *  search x2 fn verify, fn login' });
  });
});
