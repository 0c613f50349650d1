import { describe, expect, it } from 'vitest';
import { filtersOf, INITIAL_LIST, type ListAction, type ListState, listReducer } from './list-state.js';

const apply = (...actions: ListAction[]): ListState => actions.reduce(listReducer, INITIAL_LIST);
const NOW = new Date('2026-01-10T00:00:00Z');

describe('list state', () => {
  it('typing in the search prompt edits the query and puts the cursor back on top', () => {
    const s = apply(
      { type: 'move', to: 7, total: 50, height: 10 },
      { type: 'prompt', prompt: 'search' },
      { type: 'type', text: 'au' },
      { type: 'type', text: 'thx' },
      { type: 'erase' },
    );
    expect(s).toMatchObject({ prompt: 'search', search: 'auth', view: { cursor: 0, top: 0 } });
  });

  it('Enter keeps the search, Esc drops it', () => {
    const typed = apply({ type: 'prompt', prompt: 'search' }, { type: 'type', text: 'bun' });
    expect(listReducer(typed, { type: 'submit' })).toMatchObject({ prompt: 'none', search: 'bun' });
    expect(listReducer(typed, { type: 'cancel' })).toMatchObject({ prompt: 'none', search: '' });
    const kept = listReducer(typed, { type: 'submit' });
    expect(listReducer(kept, { type: 'cancel' }).search).toBe('');
  });

  it('cycles the tool filter through the tools present and back to all', () => {
    const tools = ['claude-code', 'codex'];
    const once = apply({ type: 'cycle-tool', tools });
    const twice = listReducer(once, { type: 'cycle-tool', tools });
    const thrice = listReducer(twice, { type: 'cycle-tool', tools });
    expect([once.tool, twice.tool, thrice.tool]).toEqual(['claude-code', 'codex', undefined]);
  });

  it('turns tool, project and time window into store filters', () => {
    const s = apply(
      { type: 'cycle-tool', tools: ['codex'] },
      { type: 'prompt', prompt: 'project' },
      { type: 'type', text: ' web ' },
      { type: 'submit' },
      { type: 'cycle-window' },
      { type: 'cycle-window' },
    );
    expect(filtersOf(s, NOW)).toEqual({ tool: 'codex', project: 'web', since: '2026-01-03T00:00:00.000Z' });
    expect(filtersOf(listReducer(s, { type: 'clear' }), NOW)).toEqual({});
  });

  it('cycles the sort order', () => {
    expect(apply({ type: 'cycle-sort' }).sort).toBe('oldest');
  });
});
