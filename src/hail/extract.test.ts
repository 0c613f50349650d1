import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import type { EventType } from './event-type.js';
import {
  extractMetadata,
  firstUserText,
  formatDuration,
  isErrorEvent,
  oneLine,
  sessionObjective,
  truncate,
} from './extract.js';
import type { HailEvent } from './session.js';
import { recomputeStats } from './stats.js';

/** Events one second apart, ids e0, e1, … */
function withEvents(...specs: [EventType, string?][]) {
  const events: HailEvent[] = specs.map(([event_type, text], i) => ({
    event_id: `e${i}`,
    timestamp: `2026-01-01T00:00:0${i}Z`,
    event_type,
    content: { blocks: text === undefined ? [] : [{ type: 'Text', text }] },
  }));
  return sampleSession({ events, stats: recomputeStats(events) });
}

describe('truncate', () => {
  it('keeps strings of at most n characters', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('', 3)).toBe('');
  });

  it('cuts longer strings to n characters ending in ...', () => {
    expect(truncate('hello world', 8)).toBe('hello...');
    expect(truncate('hello world', 8)).toHaveLength(8);
  });

  it('counts characters, not bytes: CJK text gets the full budget', () => {
    // 10 characters, 30 UTF-8 bytes: a byte count would have cut this at 2 characters.
    expect(truncate('日本語のテキストです', 10)).toBe('日本語のテキストです');
    expect(truncate('日本語のテキストです', 8)).toBe('日本語のテ...');
  });

  it('never splits an emoji (counted as one character, two UTF-16 units)', () => {
    expect(truncate('😀😀😀😀', 4)).toBe('😀😀😀😀');
    expect(truncate('😀😀😀😀😀', 4)).toBe('😀...');
    expect(truncate('ab😀😀cd', 5)).toBe('ab...');
    expect(truncate('a😀😀😀😀b', 5)).toBe('a😀...');
  });

  it('drops the ellipsis when n leaves no room for it', () => {
    expect(truncate('abcdef', 3)).toBe('abc');
    expect(truncate('abcdef', 0)).toBe('');
  });
});

describe('formatDuration', () => {
  it('formats like the reference', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(90)).toBe('1m 30s');
    expect(formatDuration(750)).toBe('12m 30s');
    expect(formatDuration(3600)).toBe('1h 0m 0s');
    expect(formatDuration(3661)).toBe('1h 1m 1s');
  });

  it('floors fractions and clamps negative or invalid input to 0s', () => {
    expect(formatDuration(59.9)).toBe('59s');
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(Number.NaN)).toBe('0s');
  });
});

describe('firstUserText and sessionObjective', () => {
  it('skip user messages without text and ignore non-Text blocks', () => {
    const s = withEvents(
      [{ type: 'UserMessage' }],
      [{ type: 'AgentMessage' }, 'hi'],
      [{ type: 'UserMessage' }, '  Real ask\n'],
    );
    s.events[0]!.content.blocks = [{ type: 'File', path: 'a.txt', content: 'attached' }];
    expect(firstUserText(s)).toBe('Real ask');
  });

  it('put the objective on one line, at most 200 characters', () => {
    const s = withEvents([{ type: 'UserMessage' }, `Line one\n\nline   two ${'x'.repeat(300)}`]);
    const objective = sessionObjective(s);
    expect(objective.startsWith('Line one line two xxx')).toBe(true);
    expect(objective).toHaveLength(200);
    expect(objective.endsWith('...')).toBe(true);
  });

  it('say so when there is no user message', () => {
    const s = withEvents([{ type: 'AgentMessage' }, 'Hello']);
    expect(firstUserText(s)).toBeUndefined();
    expect(sessionObjective(s)).toBe('(no user message found)');
  });
});

describe('oneLine', () => {
  it('collapses newlines and runs of whitespace', () => {
    expect(oneLine('  a\n\tb   c\r\n')).toBe('a b c');
  });
});

describe('isErrorEvent', () => {
  it('flags non-zero exits and error results only', () => {
    const [ok, bad, unknown, errResult, okResult] = withEvents(
      [{ type: 'ShellCommand', data: { command: 'ls', exit_code: 0 } }],
      [{ type: 'ShellCommand', data: { command: 'ls', exit_code: 2 } }],
      [{ type: 'ShellCommand', data: { command: 'ls' } }],
      [{ type: 'ToolResult', data: { name: 'Bash', is_error: true } }],
      [{ type: 'ToolResult', data: { name: 'Bash', is_error: false } }],
    ).events;
    expect([ok, bad, unknown, errResult, okResult].map((e) => isErrorEvent(e!))).toEqual([
      false,
      true,
      false,
      true,
      false,
    ]);
  });
});

describe('extractMetadata', () => {
  it('reads the sample session', () => {
    expect(extractMetadata(sampleSession())).toEqual({
      title: 'Fix auth test',
      description: 'Fix the failing auth test in /home/alice/proj',
      tags: 'claude-code',
      working_directory: '/home/alice/proj',
      files_modified: ['src/auth.ts'],
      // Read under another spelling of the path than the edit: still a separate file.
      files_read: ['/home/alice/proj/src/auth.ts'],
      has_errors: true,
    });
  });

  it('falls back to user texts for title and description', () => {
    const long = `Refactor\nthe parser ${'y'.repeat(100)}`;
    const s = withEvents(
      [{ type: 'UserMessage' }, long],
      [{ type: 'UserMessage' }, 'second'],
      [{ type: 'UserMessage' }, 'third'],
      [{ type: 'UserMessage' }, 'fourth is not used'],
    );
    s.context = { ...s.context, title: '  ', tags: ['a', 'b'], attributes: { working_directory: '/w' } };
    const m = extractMetadata(s);
    expect(m.title).toBe(`Refactor the parser ${'y'.repeat(57)}...`);
    expect(m.title).toHaveLength(80);
    expect(m.description).toBe(`Refactor the parser ${'y'.repeat(100)} second third`);
    expect(m.tags).toBe('a,b');
    expect(m.working_directory).toBe('/w');
  });

  it('sorts modified paths, drops them from the read list and reports no errors', () => {
    const s = withEvents(
      [{ type: 'FileRead', data: { path: 'z.ts' } }],
      [{ type: 'FileRead', data: { path: 'b.ts' } }],
      [{ type: 'FileEdit', data: { path: 'b.ts' } }],
      [{ type: 'FileCreate', data: { path: 'a.ts' } }],
      [{ type: 'FileDelete', data: { path: 'c.ts' } }],
      [{ type: 'FileRead', data: { path: 'z.ts' } }],
      [{ type: 'ShellCommand', data: { command: 'npm test', exit_code: 0 } }],
    );
    s.context = { ...s.context, title: undefined, attributes: undefined };
    expect(extractMetadata(s)).toEqual({
      title: null,
      description: null,
      tags: 'claude-code',
      working_directory: null,
      files_modified: ['a.ts', 'b.ts', 'c.ts'],
      files_read: ['z.ts'],
      has_errors: false,
    });
  });

  it('reports errors from a failed tool result alone', () => {
    const s = withEvents([{ type: 'ToolResult', data: { name: 'Read', is_error: true } }, 'ENOENT']);
    expect(extractMetadata(s).has_errors).toBe(true);
  });
});
