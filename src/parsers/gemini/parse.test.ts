import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentText } from '../../hail/content.js';
import type { EventKind } from '../../hail/event-type.js';
import type { Session } from '../../hail/session.js';
import { validateSession } from '../../hail/validate.js';
import { firstUserText } from '../shared/session-builder.js';
import { readFirstBytes } from '../shared/sniff.js';
import { geminiParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/gemini-cli/', import.meta.url));
const PROJECT = fileURLToPath(new URL('../../../test/fixtures/gemini/home/.gemini/tmp/demo-project/', import.meta.url));
const corpus = (name: string) => join(CORPUS, name);

function kinds(s: Session): Partial<Record<EventKind, number>> {
  const out: Partial<Record<EventKind, number>> = {};
  for (const e of s.events) out[e.event_type.type] = (out[e.event_type.type] ?? 0) + 1;
  return out;
}

async function sessionsOf(path: string): Promise<Session[]> {
  expect(geminiParser.canParse(path, await readFirstBytes(path))).toBe(true);
  const r = await geminiParser.parse(path);
  for (const s of r.sessions) expect(validateSession(s)).toEqual([]);
  return r.sessions;
}

interface ChatCase {
  file: string;
  id: string;
  model: string;
  firstUser: string;
  kinds: Partial<Record<EventKind, number>>;
  tokens?: { input: number; output: number; cacheRead: number };
}

// From jq over messages[]: users, gemini messages with non-empty content, thoughts with a
// subject or description, toolCalls (all have a result or a failed status), and token sums
// input - cached + tool, output + thoughts, cached.
const CHATS: ChatCase[] = [
  {
    file: '2025-09-session-thoughts-consecutive-user.json',
    id: 'c0af5bab-7e4e-4feb-8cb0-bd9654e987a9',
    model: 'gemini-2.5-flash',
    firstUser: "'''\n#include <iostream>",
    kinds: { UserMessage: 6, AgentMessage: 6, Thinking: 7 },
    tokens: { input: 34394, output: 1450, cacheRead: 15540 },
  },
  {
    file: '2025-10-session-agentic-no-toolcalls.json',
    id: '108c189c-e7e2-4d7d-a6c5-1a75f81b3f5d',
    model: 'gemini-2.5-pro',
    firstUser: 'I want major overhaul of the main windows bar of the app.',
    kinds: { UserMessage: 59, AgentMessage: 221, Thinking: 318 },
    tokens: { input: 6101908, output: 220531, cacheRead: 14841548 },
  },
  {
    file: '2025-10-session-toolcalls-small.json',
    id: '93baa7ce-9551-4490-8223-12d42f1ff589',
    model: 'gemini-2.5-pro',
    firstUser: 'e',
    // 3 glob + 2 run_shell_command calls; no gemini message has text content.
    kinds: { UserMessage: 2, Thinking: 7, FileSearch: 3, ShellCommand: 2, ToolResult: 5 },
    tokens: { input: 13610, output: 439, cacheRead: 13518 },
  },
  {
    file: '2025-11-session-toolcalls-13.json',
    id: '9fca919a-c729-41d9-929c-b68e77eaa5fc',
    model: 'gemini-2.5-pro',
    firstUser: 'corrigir faturamento',
    // 4 user messages, one of them Gemini CLI's "System: Please continue." nudge.
    kinds: { UserMessage: 3, SystemMessage: 1, AgentMessage: 15, Thinking: 17, ShellCommand: 13, ToolResult: 13 },
    tokens: { input: 33483, output: 1341, cacheRead: 68082 },
  },
  {
    file: '2025-09-user-only-session.json',
    id: '9b17df4e-99aa-43bb-bec1-36b5d31ab9f1',
    model: 'unknown',
    firstUser: 'can you tell me how to connect to github MCP server?',
    kinds: { UserMessage: 1 },
  },
];

describe('gemini parser on the real corpus', () => {
  for (const c of CHATS) {
    it(`reads ${c.file}`, async () => {
      const [s, ...rest] = await sessionsOf(corpus(c.file));
      expect(rest).toEqual([]);
      expect(s!.session_id).toBe(c.id);
      expect(s!.agent).toMatchObject({ tool: 'gemini', provider: 'google', model: c.model });
      expect(kinds(s!)).toEqual(c.kinds);
      expect(firstUserText(s!.events)?.startsWith(c.firstUser)).toBe(true);
      const t = c.tokens ?? { input: 0, output: 0, cacheRead: 0 };
      expect(s!.stats.total_input_tokens).toBe(t.input);
      expect(s!.stats.total_output_tokens).toBe(t.output);
      expect(s!.stats.total_cache_read_tokens ?? 0).toBe(t.cacheRead);
    });
  }

  it('marks cancelled tool calls as errors and reads shell exit codes', async () => {
    const [s] = await sessionsOf(corpus('2025-11-session-toolcalls-13.json'));
    const results = s!.events.filter((e) => e.event_type.type === 'ToolResult');
    // jq: 2 toolCalls with status "cancelled".
    expect(results.filter((e) => e.event_type.type === 'ToolResult' && e.event_type.data.is_error)).toHaveLength(2);
    const shell = s!.events.find(
      (e) => e.event_type.type === 'ShellCommand' && e.event_type.data.exit_code !== undefined,
    );
    expect(shell?.event_type).toMatchObject({ type: 'ShellCommand', data: { exit_code: 0 } });
  });

  it('reads thoughts as Thinking with subject and description', async () => {
    const [s] = await sessionsOf(corpus('2025-10-session-toolcalls-small.json'));
    const t = s!.events.find((e) => e.event_type.type === 'Thinking')!;
    expect(contentText(t.content)).toMatch(/^\*\*Examining the Directory Structure\*\*\nI've initiated the command/);
  });

  it('turns a prompt log into one prompt-log session per sessionId', async () => {
    const sessions = await sessionsOf(corpus('2025-09-logs.json'));
    // jq: 224 entries over 45 distinct sessionIds (no chats directory beside this copy).
    expect(sessions).toHaveLength(45);
    expect(sessions.reduce((n, s) => n + s.events.length, 0)).toBe(224);
    const first = sessions.find((s) => s.session_id === 'a6b9eaca-f861-4174-8979-a4d789ed879d')!;
    expect(first.events).toHaveLength(14);
    expect(firstUserText(first.events)).toBe('can you hear me?');
    expect(first.context.tags).toEqual(['gemini', 'prompt-log']);
    expect(first.agent.model).toBe('unknown');
    const small = await sessionsOf(corpus('2025-10-logs-small.json'));
    expect(small.map((s) => [s.session_id, s.events.length])).toEqual([
      ['90d45f43-a359-479a-beab-d75dd1c8359a', 3],
      ['50228c11-ecde-41e2-8052-9eeed8221031', 12],
    ]);
  });

  it('reports an empty prompt log as empty', async () => {
    const path = corpus('2025-09-logs-empty-array.json');
    expect(geminiParser.canParse(path, await readFirstBytes(path))).toBe(true);
    const r = await geminiParser.parse(path);
    expect(r.sessions).toEqual([]);
    expect(r.warnings.map((w) => w.kind)).toEqual(['empty']);
  });
});

describe('gemini formats the corpus lacks (hand-made fixtures)', () => {
  it('reads a JSONL chat: upserts by id, $set, $rewindTo, tool calls, usage and a subagent lane', async () => {
    const [s] = await sessionsOf(join(PROJECT, 'chats/session-2026-01-05T10-00-abcd1234.jsonl'));
    expect(s!.session_id).toBe('abcd1234-5678-4abc-9def-0123456789ab');
    expect(s!.context.description).toBe('Bumped a constant, added a README');
    expect(s!.context.attributes).toMatchObject({ cwd: '/home/dev/demo-project' });
    // g1 was written three times; only its last version counts. x1 was rewound.
    expect(s!.events.filter((e) => e.event_id.startsWith('read_file-1'))).toHaveLength(2);
    expect(s!.events.some((e) => e.event_id === 'x1')).toBe(false);
    expect(kinds(s!)).toEqual({
      UserMessage: 2,
      SystemMessage: 2,
      Thinking: 1,
      AgentMessage: 3,
      FileRead: 1,
      FileEdit: 1,
      FileCreate: 1,
      WebFetch: 1,
      WebSearch: 1,
      ShellCommand: 1,
      ToolResult: 6,
      TaskStart: 1,
      TaskEnd: 1,
    });
    const edit = s!.events.find((e) => e.event_id === 'replace-1')!;
    expect(edit.event_type).toMatchObject({ type: 'FileEdit', data: { path: '/home/dev/demo-project/src/app.ts' } });
    expect(s!.stats).toMatchObject({ lines_added: 1, lines_removed: 1, task_count: 1 });
    expect(s!.events.find((e) => e.event_id === 'web_fetch-1')!.event_type).toEqual({
      type: 'WebFetch',
      data: { url: 'https://example.com/docs' },
    });
    expect(s!.events.find((e) => e.event_id === 'run_shell_command-1-result')!.event_type).toMatchObject({
      data: { is_error: true },
    });
    // (1000 - 600 + 5) + (1200 - 1000) + subagent 50; outputs include thoughts tokens.
    expect(s!.stats).toMatchObject({ total_input_tokens: 655, total_output_tokens: 75, total_cache_read_tokens: 1600 });
    const lane = s!.events.filter((e) => e.task_id === 'sub-agent-1');
    expect(lane.map((e) => e.event_id)).toEqual([
      'sub-agent-1-start',
      'sub-agent-1:s1',
      'sub-agent-1:s2',
      'sub-agent-1-end',
    ]);
  });

  it('reads a /chat save checkpoint (Content[])', async () => {
    const [s] = await sessionsOf(join(PROJECT, 'checkpoint-mytag.json'));
    expect(s!.session_id).toBe('checkpoint-mytag@demo-project');
    expect(s!.context.tags).toEqual(['gemini', 'checkpoint']);
    expect(s!.events.map((e) => e.event_type.type)).toEqual([
      'SystemMessage',
      'AgentMessage',
      'UserMessage',
      'Thinking',
      'FileSearch',
      'ToolResult',
      'AgentMessage',
    ]);
    expect(s!.events[5]!.event_type).toEqual({
      type: 'ToolResult',
      data: { name: 'list_directory', is_error: false, call_id: 'ls-1' },
    });
    expect(new Set(s!.events.map((e) => e.timestamp)).size).toBe(1);
  });

  it('leaves sessions that have a chats file out of the prompt log', async () => {
    const sessions = await sessionsOf(join(PROJECT, 'logs.json'));
    expect(sessions.map((s) => s.session_id)).toEqual(['lost-session-0001']);
  });
});
