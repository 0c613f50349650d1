import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import { buildHandoff, renderHandoffMarkdown } from '../hail/handoff.js';
import type { HailEvent } from '../hail/session.js';
import { recomputeStats } from '../hail/stats.js';
import { RESERVE } from './budget.js';
import { fitHandoff } from './handoff.js';

function event(i: number, event_type: HailEvent['event_type'], text = ''): HailEvent {
  return {
    event_id: `e${i}`,
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    event_type,
    content: { blocks: text ? [{ type: 'Text', text }] : [] },
  };
}

/** A long session: 200 shell commands between emoji-only exchanges. */
function longSession() {
  const events: HailEvent[] = [];
  for (let i = 0; i < 200; i++) {
    events.push(event(events.length, { type: 'UserMessage' }, '🙂'.repeat(300)));
    events.push(event(events.length, { type: 'AgentMessage' }, '🚀'.repeat(300)));
    events.push(
      event(events.length, { type: 'ShellCommand', data: { command: `npm test -- --shard ${i}`, exit_code: 0 } }),
    );
  }
  return sampleSession({ events, stats: recomputeStats(events) });
}

describe('fitHandoff', () => {
  it('leaves a briefing that fits alone', () => {
    const h = buildHandoff(sampleSession());
    expect(fitHandoff(h, 24_000)).toEqual({ handoff: h, omitted: {} });
  });

  it('halves lists, keeping the latest commands, then long texts, until both renderings fit', () => {
    const budget = 3000;
    const { handoff, omitted } = fitHandoff(buildHandoff(longSession()), budget);
    expect(JSON.stringify(handoff).length + RESERVE).toBeLessThanOrEqual(budget);
    expect(renderHandoffMarkdown(handoff).length + RESERVE).toBeLessThanOrEqual(budget);
    expect(handoff.commands.at(-1)?.command).toBe('npm test -- --shard 199');
    expect(omitted.commands).toBe(200 - handoff.commands.length);
    expect(omitted['last_agent_message chars']).toBeGreaterThan(0);
  });

  it('stops when nothing more can go', () => {
    const { handoff } = fitHandoff(buildHandoff(longSession()), 10);
    expect(handoff.commands.length).toBeLessThanOrEqual(1);
  });
});
