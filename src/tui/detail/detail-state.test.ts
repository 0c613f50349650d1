import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../../test/fixtures/sample-session.js';
import { DetailLayout } from './detail-lines.js';
import {
  detailReducer,
  eventsContaining,
  INITIAL_DETAIL,
  matchingLines,
  nextAfter,
  openPredicate,
} from './detail-state.js';

describe('detail state', () => {
  const layout = new DetailLayout(sampleSession());

  it('an event is open by default, toggled by the user, or forced by expand-all', () => {
    let s = INITIAL_DETAIL;
    expect([0, 1, 6].map(openPredicate(layout, s))).toEqual([true, false, true]);
    s = detailReducer(s, { type: 'toggle', event: 1 });
    s = detailReducer(s, { type: 'toggle', event: 0 });
    expect([0, 1, 6].map(openPredicate(layout, s))).toEqual([false, true, true]);
    s = detailReducer(s, { type: 'toggle-all' });
    expect([0, 1, 2, 3, 4, 5, 6].every(openPredicate(layout, s))).toBe(true);
  });

  it('finds text in folded events too, so they can be opened', () => {
    expect([...eventsContaining(layout, 'FAILING', 80)].sort()).toEqual([0, 5]);
    expect(eventsContaining(layout, 'expiry', 80)).toEqual(new Set([6]));
    expect(eventsContaining(layout, '', 80).size).toBe(0);
  });

  it('lists the lines holding a text, case-insensitive', () => {
    const { lines } = layout.layout(80, () => true);
    const found = matchingLines(lines, 'auth.ts');
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const i of found) expect(lines[i]!.text.toLowerCase()).toContain('auth.ts');
  });

  it('steps through sorted positions, wrapping only when asked', () => {
    expect(nextAfter([2, 5, 9], 5, 1, false)).toBe(9);
    expect(nextAfter([2, 5, 9], 9, 1, false)).toBeUndefined();
    expect(nextAfter([2, 5, 9], 9, 1, true)).toBe(2);
    expect(nextAfter([2, 5, 9], 2, -1, true)).toBe(9);
    expect(nextAfter([2, 5, 9], 6, -1, false)).toBe(5);
    expect(nextAfter([], 0, 1, true)).toBeUndefined();
  });

  it('the find prompt starts from the text in effect', () => {
    const s = detailReducer({ ...INITIAL_DETAIL, found: 'auth' }, { type: 'prompt', prompt: 'find' });
    expect(s.draft).toBe('auth');
    expect(detailReducer(s, { type: 'erase' }).draft).toBe('aut');
  });
});
