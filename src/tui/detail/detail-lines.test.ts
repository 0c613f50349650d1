import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../../test/fixtures/sample-session.js';
import type { HailEvent, Session } from '../../hail/session.js';
import { recomputeStats } from '../../hail/stats.js';
import { displayWidth } from '../text.js';
import { DetailLayout } from './detail-lines.js';

const text = (lines: { text: string }[]) => lines.map((l) => l.text);

describe('DetailLayout', () => {
  const layout = new DetailLayout(sampleSession());

  it('shows messages in full and folds tool activity to one header line', () => {
    const { lines, starts } = layout.layout(80, (i) => layout.isOpenByDefault(i));
    expect(starts).toHaveLength(7);
    expect(text(lines)).toEqual([
      '00:00:00 ▾ USER   ',
      '    Fix the failing auth test in /home/alice/proj',
      '00:00:01 ▸ THINK  Look at the test first.',
      '00:00:02 ▸ READ   /home/alice/proj/src/auth.ts',
      '00:00:03 ▸ SHELL  npm test (exit 1)',
      '00:00:04 ▸ EDIT   src/auth.ts (+2 -1)',
      '00:00:05 ▸ ERROR  Bash: Error: 1 failing',
      '00:00:09 ▾ AGENT  ',
      '    Fixed the token expiry check.',
    ]);
  });

  it('shows an edit as a diff coloured by line', () => {
    const { lines, starts } = layout.layout(80, (i) => i === 4);
    const diff = lines.slice(starts[4]! + 1, starts[5]!);
    expect(diff.map((l) => [l.text.trim(), l.segments.at(-1)?.tone])).toEqual([
      ['--- a/src/auth.ts', undefined],
      ['+++ b/src/auth.ts', undefined],
      ['@@ -1 +1,2 @@', 'hunk'],
      ['-old', 'removed'],
      ['+new', 'added'],
      ['+more', 'added'],
    ]);
  });

  it('wraps bodies to the width and never draws a line wider than it', () => {
    const long: HailEvent = {
      event_id: 'x',
      timestamp: '2026-01-01T00:00:00Z',
      event_type: { type: 'AgentMessage' },
      content: { blocks: [{ type: 'Text', text: 'word '.repeat(60) }] },
    };
    const s: Session = { ...sampleSession(), events: [long], stats: recomputeStats([long]) };
    const l = new DetailLayout(s).layout(40, () => true).lines;
    expect(l.length).toBeGreaterThan(5);
    for (const line of l) expect(displayWidth(line.text)).toBeLessThanOrEqual(40);
  });

  it('indents a subagent lane and lists the user turns', () => {
    const base = sampleSession();
    const at = (s: number) => `2026-01-01T00:01:0${s}Z`;
    const events: HailEvent[] = [
      base.events[0]!,
      {
        event_id: 't1',
        timestamp: at(1),
        task_id: 'sub',
        event_type: { type: 'TaskStart', data: { title: 'explore' } },
        content: { blocks: [] },
      },
      {
        event_id: 't2',
        timestamp: at(2),
        task_id: 'sub',
        event_type: { type: 'FileRead', data: { path: 'a.ts' } },
        content: { blocks: [] },
      },
      {
        event_id: 't3',
        timestamp: at(3),
        task_id: 'sub',
        event_type: { type: 'TaskEnd', data: {} },
        content: { blocks: [] },
      },
      { ...base.events[0]!, event_id: 'u2', timestamp: at(4) },
    ];
    const s: Session = { ...base, events, stats: recomputeStats(events) };
    const d = new DetailLayout(s);
    expect(d.userTurns).toEqual([0, 4]);
    const { lines, starts } = d.layout(80, () => false);
    expect(lines[starts[2]!]!.text).toBe('│ 00:01:02   READ   a.ts');
    expect(lines[starts[4]!]!.text.startsWith('00:01:04')).toBe(true);
  });

  it('cleans escape sequences out of everything it draws', () => {
    const evil: HailEvent = {
      event_id: 'x',
      timestamp: '2026-01-01T00:00:00Z',
      event_type: { type: 'ShellCommand', data: { command: 'echo \u001b]0;pwned\u0007hi' } },
      content: { blocks: [{ type: 'Text', text: '\u001b[2J\u001b]52;c;ZXZpbA==\u0007cleared' }] },
    };
    const s: Session = { ...sampleSession(), events: [evil], stats: recomputeStats([evil]) };
    const lines = new DetailLayout(s).layout(80, () => true).lines;
    const all = lines.flatMap((l) => [l.text, ...l.segments.map((g) => g.text)]).join('\n');
    expect(all).not.toMatch(/[\u001b\u0007]/);
    expect(all).toContain('echo hi');
    expect(all).toContain('cleared');
  });
});
