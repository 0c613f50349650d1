import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentText } from '../../hail/content.js';
import type { EventKind } from '../../hail/event-type.js';
import type { Session } from '../../hail/session.js';
import { validateSession } from '../../hail/validate.js';
import { firstUserText } from '../shared/session-builder.js';
import { readFirstBytes } from '../shared/sniff.js';
import { codexParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/codex/', import.meta.url));
const corpus = (name: string) => join(CORPUS, name);

function kinds(s: Session): Partial<Record<EventKind, number>> {
  const out: Partial<Record<EventKind, number>> = {};
  for (const e of s.events) out[e.event_type.type] = (out[e.event_type.type] ?? 0) + 1;
  return out;
}

async function parseOne(name: string): Promise<Session> {
  const r = await codexParser.parse(corpus(name));
  expect(r.sessions).toHaveLength(1);
  const s = r.sessions[0]!;
  expect(validateSession(s)).toEqual([]);
  return s;
}

interface Expect {
  file: string;
  id: string;
  model: string;
  version?: string;
  firstUser: string;
  kinds: Partial<Record<EventKind, number>>;
  /** From the last token_count's total_token_usage: input - cached, cached, output. */
  tokens?: { input: number; cacheRead: number; output: number };
}

// Counts read from the files with jq: response_item messages by role (context = text starting
// with <environment_context>/<user_instructions>/# AGENTS.md; <turn_aborted> notes are not
// counted), reasoning items with summary or content text, function/custom calls by name and
// the `*** Add|Update|Delete File:` headers of their patches, and outputs.
const CASES: Expect[] = [
  {
    file: 'v0.105.0-cli-2026-03-long-TRUNCATED.jsonl',
    id: '019d021f-1244-77d2-b5aa-ba1d70f11e87',
    model: 'gpt-5.2-codex',
    version: '0.105.0',
    firstUser: 'I have a dream. The dream is of an application which acts as an interactive 2d shell',
    // 6 developer + 2 context; 36 user; 56 assistant; 63 reasoning with text (47 encrypted only);
    // 57 exec_command; 37 write_stdin + update_plan + request_user_input; 15 apply_patch calls
    // touching 33 added, 31 updated, 3 deleted files; 96 + 15 outputs; 4 turn_aborted.
    kinds: {
      SystemMessage: 8,
      UserMessage: 36,
      AgentMessage: 56,
      Thinking: 63,
      ShellCommand: 57,
      ToolCall: 39,
      FileCreate: 33,
      FileEdit: 31,
      FileDelete: 3,
      ToolResult: 111,
      Custom: 4,
    },
    tokens: { input: 8843066 - 8241152, cacheRead: 8241152, output: 88628 },
  },
  {
    file: 'v0.118.0-tui-2026-04-exec-command-end.jsonl',
    id: '019d688b-3b5f-72c0-8028-4a4af562b9f5',
    model: 'gpt-5.4',
    version: '0.118.0',
    firstUser: '你看下这个项目的前端是否可以切换到bun?',
    kinds: { SystemMessage: 2, UserMessage: 2, AgentMessage: 6, ShellCommand: 19, ToolResult: 19 },
    tokens: { input: 308384 - 248960, cacheRead: 248960, output: 3316 },
  },
  {
    file: 'v0.118.0-tui-2026-04-aborted-no-reply.jsonl',
    id: '019d6de1-d0fe-7f81-a1e1-d510f519f70e',
    model: 'gpt-5.4',
    version: '0.118.0',
    firstUser: 'update',
    kinds: { SystemMessage: 2, UserMessage: 1, Custom: 1 },
  },
  {
    file: 'v0.36.0-2025-09-turn-context-aborted.jsonl',
    id: '9cd28a74-da7e-4458-a91a-fffec2be9d7a',
    model: 'gpt-5-codex',
    version: '0.36.0',
    firstUser: '检查目前项目的设计',
    // 47 shell calls, 13 of them `bash -lc "apply_patch <<PATCH"` (11 updates, 2 adds).
    kinds: {
      SystemMessage: 2,
      UserMessage: 6,
      AgentMessage: 9,
      Thinking: 18,
      ShellCommand: 34,
      FileEdit: 11,
      FileCreate: 2,
      ToolCall: 4,
      ToolResult: 51,
      Custom: 1,
    },
    tokens: { input: 2280287 - 2013312, cacheRead: 2013312, output: 25914 },
  },
  {
    file: 'v0.58.0-2025-11-ghost-snapshot.jsonl',
    id: '019a802a-aab1-7c31-9831-d2510c7a74a2',
    model: 'gpt-5.1-codex',
    version: '0.58.0',
    firstUser: '## User Input',
    kinds: {
      SystemMessage: 2,
      UserMessage: 1,
      AgentMessage: 1,
      Thinking: 43,
      ShellCommand: 38,
      ToolCall: 3,
      FileCreate: 1,
      ToolResult: 42,
    },
    tokens: { input: 1064529 - 1019264, cacheRead: 1019264, output: 25658 },
  },
  {
    file: '2025-08-jsonl-pre-session_meta-function-calls.jsonl',
    id: 'b3f182bb-a39c-46d1-8459-8ad3be563a38',
    model: 'unknown',
    firstUser: 'can you update this repo to add in websearch',
    // 21 shell calls (2 of them `apply_patch` argv) + 2 apply_patch calls = 4 edits.
    kinds: {
      SystemMessage: 2,
      UserMessage: 2,
      AgentMessage: 6,
      Thinking: 18,
      ShellCommand: 19,
      FileEdit: 4,
      ToolResult: 23,
    },
  },
  {
    file: 'legacy-json-2025-08-rollout-with-tools.json',
    id: '1a0dd4c9-4e06-40c6-97f9-066c07c8793b',
    model: 'unknown',
    firstUser: 'test responses_api_stream_cli ... FAILED',
    // 9 chat-completions messages: 2 user, 5 assistant (4 with reasoning, 3 with a tool call), 2 tool.
    kinds: { UserMessage: 2, AgentMessage: 2, Thinking: 4, ShellCommand: 3, ToolResult: 2 },
  },
];

describe('codex parser on the real corpus', () => {
  for (const c of CASES) {
    it(`reads ${c.file}`, async () => {
      expect(codexParser.canParse(corpus(c.file), await readFirstBytes(corpus(c.file)))).toBe(true);
      const s = await parseOne(c.file);
      expect(s.session_id).toBe(c.id);
      expect(s.agent).toMatchObject({ tool: 'codex', provider: 'openai', model: c.model });
      if (c.version) expect(s.agent.tool_version).toBe(c.version);
      expect(kinds(s)).toEqual(c.kinds);
      expect(s.events).toHaveLength(Object.values(c.kinds).reduce((a, b) => a + b, 0));
      expect(firstUserText(s.events)?.startsWith(c.firstUser)).toBe(true);
      if (c.tokens) {
        expect(s.stats.total_input_tokens).toBe(c.tokens.input);
        expect(s.stats.total_cache_read_tokens).toBe(c.tokens.cacheRead);
        expect(s.stats.total_output_tokens).toBe(c.tokens.output);
      } else {
        expect(s.stats.total_input_tokens + s.stats.total_output_tokens).toBe(0);
      }
    });
  }

  it('reports header-only and context-only rollouts as empty', async () => {
    for (const f of ['2025-08-jsonl-meta-line-only.jsonl', 'v0.34.0-2025-10-two-line-session.jsonl']) {
      const r = await codexParser.parse(corpus(f));
      expect(r.sessions).toEqual([]);
      expect(r.warnings.map((w) => w.kind)).toEqual(['empty']);
      expect(r.offset).toBe(0);
    }
  });

  it('takes the model from turn_context, per event, as it changes', async () => {
    const s = await parseOne('v0.105.0-cli-2026-03-long-TRUNCATED.jsonl');
    const models = new Set(s.events.map((e) => e.attributes?.model).filter(Boolean));
    expect(models).toEqual(new Set(['gpt-5.2-codex', 'gpt-5.4']));
    for (const e of s.events.filter((e) => e.event_type.type === 'AgentMessage'))
      expect(e.attributes?.model).toBeTruthy();
  });

  it('keeps session context: cwd, git, originator, title from the first user_message', async () => {
    const s = await parseOne('v0.118.0-tui-2026-04-exec-command-end.jsonl');
    expect(s.context.title).toBe('你看下这个项目的前端是否可以切换到bun?');
    expect(s.context.attributes).toMatchObject({
      cwd: '/Users/xuwentao/Projects/github/patent-platform',
      originator: 'codex-tui',
      git: {
        branch: 'main',
        commit: '0fb83308c4205922a5e9b111611688c00116c3c0',
        repo_url: 'git@github.com:Xu-Wentao/patent-platform.git',
      },
    });
  });

  it('takes cwd from <environment_context> in files without session_meta', async () => {
    const s = await parseOne('2025-08-jsonl-pre-session_meta-function-calls.jsonl');
    expect(s.context.attributes?.cwd).toBe('/Users/kobra/Dev/Chatgpt-Apps/ocodex');
    expect(s.context.attributes?.git).toMatchObject({ branch: 'main' });
  });

  it('sets exit codes from exec_command_end and pairs results with their call', async () => {
    const s = await parseOne('v0.118.0-tui-2026-04-exec-command-end.jsonl');
    const shells = s.events.filter((e) => e.event_type.type === 'ShellCommand');
    // jq: 18 exec_command_end with exit_code 0, 1 with 127.
    const codes = shells.map((e) => (e.event_type.type === 'ShellCommand' ? e.event_type.data.exit_code : undefined));
    expect(codes.filter((c) => c === 0)).toHaveLength(18);
    expect(codes.filter((c) => c === 127)).toHaveLength(1);
    const results = s.events.filter((e) => e.event_type.type === 'ToolResult');
    const ids = new Set(shells.map((e) => e.event_id));
    for (const r of results) {
      if (r.event_type.type !== 'ToolResult') continue;
      expect(ids.has(r.event_type.data.call_id ?? '')).toBe(true);
    }
    expect(results.filter((r) => r.event_type.type === 'ToolResult' && r.event_type.data.is_error)).toHaveLength(1);
  });

  it('splits an apply_patch over several files into one event per file with its diff', async () => {
    const s = await parseOne('v0.105.0-cli-2026-03-long-TRUNCATED.jsonl');
    // The first apply_patch deletes and re-adds package.json and shell.nix, then adds 14 files.
    const first = s.events.filter(
      (e) => e.attributes?.call_id === 'call_Xj288Y93iz3KBPEgWB0bR5xc' && e.event_type.type !== 'ToolResult',
    );
    expect(first).toHaveLength(18);
    expect(first.map((e) => e.event_type.type).slice(0, 5)).toEqual([
      'FileDelete',
      'FileCreate',
      'FileDelete',
      'FileCreate',
      'FileCreate',
    ]);
    const cargo = s.events.find(
      (e) => e.event_type.type === 'FileEdit' && e.event_type.data.path === 'kernel/Cargo.toml',
    );
    expect(cargo?.event_type.type === 'FileEdit' && cargo.event_type.data.diff).toContain('+tokio-util = "0.7.12"');
    expect(s.stats.lines_added).toBeGreaterThan(0);
  });

  it('uses stable ids derived from line numbers', async () => {
    const a = await parseOne('v0.36.0-2025-09-turn-context-aborted.jsonl');
    const b = await parseOne('v0.36.0-2025-09-turn-context-aborted.jsonl');
    expect(a.events.map((e) => e.event_id)).toEqual(b.events.map((e) => e.event_id));
    expect(a.events[0]?.event_id).toMatch(/^codex-\d+-\d+$/);
  });

  it('reads reasoning summaries as Thinking and skips encrypted-only reasoning', async () => {
    const s = await parseOne('v0.36.0-2025-09-turn-context-aborted.jsonl');
    const thinking = s.events.filter((e) => e.event_type.type === 'Thinking');
    expect(contentText(thinking[0]!.content)).toMatch(/^\*\*Planning project review\*\*/);
  });
});
