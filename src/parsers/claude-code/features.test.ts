import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HailEvent, Session } from '../../hail/session.js';
import { validateSession } from '../../hail/validate.js';
import type { ParseResult } from '../types.js';
import { claudeCodeParser } from './index.js';

// Hand-made: shapes the real corpus lacks (see test/fixtures/claude-code/README.md).
const FEATURES = fileURLToPath(new URL('../../../test/fixtures/claude-code/features.jsonl', import.meta.url));

let r: ParseResult;
let s: Session;
const byId = (id: string): HailEvent => {
  const e = s.events.find((x) => x.event_id === id);
  if (!e) throw new Error(`no event ${id}`);
  return e;
};

beforeAll(async () => {
  r = await claudeCodeParser.parse(FEATURES);
  s = r.sessions[0] as Session;
});

describe('hand-made Claude Code 2.1 features', () => {
  it('is one valid session with the user-set title winning over generated ones', () => {
    expect(r.sessions).toHaveLength(1);
    expect(validateSession(s)).toEqual([]);
    expect(s.session_id).toBe('11111111-2222-4333-8444-555555555555');
    expect(s.context.title).toBe('flaky-test-fix');
    expect(s.agent).toEqual({
      provider: 'anthropic',
      model: 'claude-opus-4-6',
      tool: 'claude-code',
      tool_version: '2.1.120',
    });
    expect(s.context.attributes).toEqual({ cwd: '/home/dev/app', git: { branch: 'main' } });
  });

  it('dates a line without a timestamp from the next dated line', () => {
    expect(byId('u-0001').timestamp).toBe('2026-03-01T10:00:01.000Z');
  });

  it('puts a streamed message’s usage (its last line’s, once) on its AgentMessage', () => {
    expect(byId('a-0001').attributes).toEqual({ model: 'claude-opus-4-6', redacted: true });
    expect(byId('a-0002').attributes).toEqual({
      model: 'claude-opus-4-6',
      input_tokens: 10,
      output_tokens: 90,
      cache_read_tokens: 100,
      cache_creation_tokens: 50,
    });
    // The subagent echo (progress) is not counted: its usage lives in the agent's own file.
    expect(s.stats.total_input_tokens).toBe(10 + 5 + 4 + 3 + 3);
  });

  it('keeps server-side web search and MCP tools, with the MCP result image', () => {
    expect(byId('srvtoolu_1').event_type).toEqual({ type: 'WebSearch', data: { query: 'pytest flaky retry' } });
    expect(byId('srvtoolu_1:result').event_type).toEqual({
      type: 'ToolResult',
      data: { name: 'web_search', is_error: false, call_id: 'srvtoolu_1' },
    });
    expect(byId('toolu_mcp').event_type).toEqual({ type: 'ToolCall', data: { name: 'mcp__github__create_issue' } });
    expect(byId('toolu_mcp:result').content.blocks).toEqual([
      { type: 'Text', text: 'Created issue #42' },
      { type: 'Image', url: 'data:image/png;base64,iVBORw0KGgo=', mime: 'image/png' },
    ]);
  });

  it('takes edit diffs from structuredPatch, and a Write over an existing file is an edit', () => {
    const multi = byId('toolu_multi').event_type;
    expect(multi).toEqual({
      type: 'FileEdit',
      data: {
        path: '/home/dev/app/utils.py',
        diff: '--- a//home/dev/app/utils.py\n+++ b//home/dev/app/utils.py\n@@ -1,2 +1,2 @@\n-a = 1\n+a = 2\n b = 2',
      },
    });
    expect(byId('toolu_write').event_type.type).toBe('FileEdit');
    expect(s.stats.lines_added).toBe(2);
    expect(s.stats.lines_removed).toBe(1);
  });

  it('reads a queued prompt as the user’s message', () => {
    expect(byId('att-0001')).toMatchObject({
      event_type: { type: 'UserMessage' },
      content: { blocks: [{ type: 'Text', text: 'also update the changelog' }] },
    });
  });

  it('gives Bash the exit code its error text reports', () => {
    expect(byId('toolu_bash').event_type).toEqual({
      type: 'ShellCommand',
      data: { command: 'pytest -x', exit_code: 2 },
    });
    expect(byId('toolu_bash:result').attributes).toEqual({ exit_code: 2 });
  });

  it('rebuilds a subagent lane from progress echoes when its transcript is missing', () => {
    const lane = s.events.filter((e) => e.task_id === 'a0123456789abcdef');
    expect(lane.map((e) => e.event_type.type)).toEqual(['TaskStart', 'UserMessage', 'AgentMessage', 'TaskEnd']);
    expect(lane[0]?.event_type).toEqual({ type: 'TaskStart', data: { title: 'Find flaky tests' } });
    expect(lane[0]?.attributes).toMatchObject({ call_id: 'toolu_agent', agent_type: 'Explore' });
    expect(lane[3]?.event_type).toEqual({ type: 'TaskEnd', data: { summary: 'test_utils.py::test_a sleeps 2s' } });
    expect(byId('toolu_agent:result').duration_ms).toBe(3000);
  });

  it('marks compaction and its continuation summary as system messages, not prompts', () => {
    expect(byId('sys-0001:system').attributes).toEqual({ kind: 'compact_boundary', level: 'info' });
    expect(byId('u-0007:system').attributes).toEqual({ kind: 'continuation' });
    // The two prompts, plus the subagent lane's prompt (its "user" is the parent agent).
    expect(s.stats.user_message_count).toBe(3);
  });

  it('keeps an unknown line type as a Custom event with its data', () => {
    const e = byId('f-0001:custom');
    expect(e.event_type).toEqual({ type: 'Custom', data: { kind: 'future-record' } });
    expect(r.warnings).toEqual([expect.objectContaining({ kind: 'unknown-shape', line: 23 })]);
  });
});
