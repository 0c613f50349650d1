import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import { diffSessions, renderDiffText, type SessionDiff } from './diff.js';
import type { EventType } from './event-type.js';
import type { HailEvent, Session } from './session.js';
import { recomputeStats } from './stats.js';

/** `u:text` is a user message, `a:text` an agent message; other entries are raw event types. */
function sessionOf(id: string, specs: (string | EventType)[]): Session {
  const events: HailEvent[] = specs.map((spec, i) => {
    const isText = typeof spec === 'string';
    const event_type: EventType = !isText
      ? spec
      : spec.startsWith('u:')
        ? { type: 'UserMessage' }
        : { type: 'AgentMessage' };
    return {
      event_id: `e${i}`,
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      event_type,
      content: { blocks: isText ? [{ type: 'Text', text: spec.slice(2) }] : [] },
    };
  });
  return sampleSession({ session_id: id, events, stats: recomputeStats(events) });
}

const marks = (d: SessionDiff) =>
  d.messages.map(
    (r) => `${r.same ? '=' : r.a === undefined ? '>' : r.b === undefined ? '<' : '~'} ${r.a ?? ''}|${r.b ?? ''}`,
  );

describe('diffSessions', () => {
  it('compares every stat field, tokens included', () => {
    const a = sampleSession();
    const b = sessionOf('b', ['u:Fix the failing auth test in /home/alice/proj']);
    const d = diffSessions(a, b);
    expect(d.stats.event_count).toEqual({ a: 7, b: 1, delta: -6 });
    expect(d.stats.total_input_tokens).toEqual({ a: 1200, b: 0, delta: -1200 });
    expect(d.stats.total_cache_read_tokens).toEqual({ a: 0, b: 0, delta: 0 });
    expect(Object.keys(d.stats)).toHaveLength(13);
    expect(d.a).toEqual({
      session_id: 's1',
      tool: 'claude-code',
      model: 'claude-opus-4-6',
      objective: 'Fix the failing auth test in /home/alice/proj',
      duration_seconds: 9,
      messages: 2,
      tokens: 1280,
      errors: 2,
    });
  });

  it('counts tools by ToolCall name or specialised type, busiest first', () => {
    const read: EventType = { type: 'FileRead', data: { path: 'a.ts' } };
    const a = sessionOf('a', [read, read, { type: 'ToolCall', data: { name: 'Grep' } }, 'u:hi']);
    const b = sessionOf('b', [read, { type: 'WebFetch', data: { url: 'https://x' } }, { type: 'Thinking' }]);
    expect(diffSessions(a, b).tools).toEqual([
      { name: 'FileRead', a: 2, b: 1 },
      { name: 'Grep', a: 1, b: 0 },
      { name: 'WebFetch', a: 0, b: 1 },
    ]);
  });

  it('splits modified files into both, A only and B only', () => {
    const edit = (path: string): EventType => ({ type: 'FileEdit', data: { path } });
    const a = sessionOf('a', [edit('shared.ts'), edit('old.ts'), { type: 'FileRead', data: { path: 'r.ts' } }]);
    const b = sessionOf('b', [{ type: 'FileDelete', data: { path: 'shared.ts' } }, edit('new.ts')]);
    expect(diffSessions(a, b).files_modified).toEqual({ both: ['shared.ts'], a_only: ['old.ts'], b_only: ['new.ts'] });
  });

  it('aligns messages around an inserted and a removed message', () => {
    const a = sessionOf('a', ['u:Fix login', 'a:Looking', 'u:Also docs', 'a:Done']);
    const b = sessionOf('b', ['u:Fix login', 'a:Looking', 'a:Found the bug', 'a:Done']);
    expect(marks(diffSessions(a, b))).toEqual([
      '= Fix login|Fix login',
      '= Looking|Looking',
      '< Also docs|',
      '> |Found the bug',
      '= Done|Done',
    ]);
  });

  it('treats case and whitespace as the same message and pairs a changed one', () => {
    const a = sessionOf('a', ['u:Run  the tests', 'a:They fail', 'u:Ship it']);
    const b = sessionOf('b', ['u:run the\ntests', 'a:They pass', 'u:Ship it']);
    expect(marks(diffSessions(a, b))).toEqual([
      '= Run the tests|run the tests',
      '~ They fail|They pass',
      '= Ship it|Ship it',
    ]);
    expect(diffSessions(a, b).messages[1]!.role).toBe('agent');
  });

  it('finds a common subsequence in reordered conversations', () => {
    const a = sessionOf('a', ['u:1', 'u:2', 'u:3', 'u:4', 'u:5']);
    const b = sessionOf('b', ['u:2', 'u:9', 'u:4', 'u:5', 'u:1']);
    expect(marks(diffSessions(a, b))).toEqual(['< 1|', '= 2|2', '~ 3|9', '= 4|4', '= 5|5', '> |1']);
  });

  it('cuts message texts to 120 characters', () => {
    const d = diffSessions(sessionOf('a', [`u:${'é'.repeat(200)}`]), sessionOf('b', []));
    expect(d.messages).toEqual([{ role: 'user', a: `${'é'.repeat(117)}...`, same: false }]);
  });

  it('aligns positionally past 2,000 differing messages a side', () => {
    const middle = Array.from({ length: 2100 }, (_, i) => `u:m${i}`);
    const a = sessionOf('a', ['u:start A', ...middle, 'u:end A']);
    // Inserted past the cap: the positional fallback shifts instead of marking an insertion.
    const b = sessionOf('b', ['u:start B', ...middle.slice(0, 2050), 'u:extra', ...middle.slice(2050), 'u:end B']);
    const rows = marks(diffSessions(a, b));
    expect(rows[0]).toBe('~ start A|start B');
    expect(rows[1999]).toBe('= m1998|m1998');
    expect(rows.slice(2000, 2051).every((r) => r.startsWith('='))).toBe(true);
    expect(rows[2051]).toBe('~ m2050|extra');
    expect(rows.at(-2)).toBe('~ end A|m2099');
    expect(rows.at(-1)).toBe('> |end B');
    expect(rows).toHaveLength(2103);
  });
});

describe('renderDiffText', () => {
  it('prints columns, tools, files and the aligned messages', () => {
    const a = sampleSession();
    const b = sessionOf('s2', [
      'u:Fix the failing auth test in /home/alice/proj',
      { type: 'FileEdit', data: { path: 'src/token.ts' } },
      { type: 'FileEdit', data: { path: 'src/auth.ts' } },
      'a:Fixed it by renewing the token before the check runs, and added a regression test.',
      'u:Thanks',
    ]);
    b.agent = { ...b.agent, model: 'gpt-5', tool: 'codex' };
    expect(renderDiffText(diffSessions(a, b))).toBe(`A                                       B
Session: s1                             Session: s2
Objective: Fix the failing auth test... Objective: Fix the failing auth test ...
Model: claude-opus-4-6 (claude-code)    Model: gpt-5 (codex)
Duration: 9s                            Duration: 4s
Messages: 2                             Messages: 3
Tokens: 1280                            Tokens: 0
Errors: 2                               Errors: 0

Tools:
  tool              A      B
  FileEdit          1      2
  FileRead          1      0
  ShellCommand      1      0

Files Modified:
  src/auth.ts (both)
  src/token.ts (B only)

Messages (= same, ~ changed, < A, > B):
= user  Fix the failing auth test in /h... | Fix the failing auth test in /h...
~ agent Fixed the token expiry check.      | Fixed it by renewing the token ...
> user                                     | Thanks
`);
  });

  it('fits a narrow width and leaves no trailing spaces', () => {
    const text = renderDiffText(diffSessions(sampleSession(), sessionOf('b', [])), 40);
    const lines = text.split('\n');
    expect(lines.every((l) => l === l.trimEnd())).toBe(true);
    expect(lines.every((l) => [...l].length <= 40)).toBe(true);
    expect(text).toContain('< user  Fix the fai... |\n< agent Fixed the t... |\n');
    expect(text).toContain('Files Modified:\n  src/auth.ts (A only)\n');
  });

  it('says (none) for empty sections', () => {
    const text = renderDiffText(diffSessions(sessionOf('a', []), sessionOf('b', [])));
    expect(text).toContain('Tools:\n  (none)\n\nFiles Modified:\n  (none)\n\nMessages');
    expect(text.endsWith('> B):\n  (none)\n')).toBe(true);
  });
});
