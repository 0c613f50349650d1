import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverAll } from '../../src/parsers/discover.js';
import { loadParser } from '../../src/parsers/registry.js';
import { readFirstBytes } from '../../src/parsers/shared/sniff.js';
import type { DiscoveredSource, ToolName } from '../../src/parsers/types.js';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

/** Where each corpus file goes in the fake home: the tools' real layouts. */
const LAYOUT: [string, string][] = [
  ['claude-code/layout-v2.1.97-subagents-dir', '.claude/projects'],
  [
    'claude-code/v2.0.2-bash-read-summary.jsonl',
    '.claude/projects/-home-u-p/5b0a4c1e-0000-4000-8000-000000000001.jsonl',
  ],
  [
    'codex/v0.118.0-tui-2026-04-exec-command-end.jsonl',
    '.codex/sessions/2026/04/07/rollout-2026-04-07T15-24-08-019d688b.jsonl',
  ],
  ['codex/legacy-json-2025-08-rollout-with-tools.json', '.codex/sessions/2025/08/18/rollout-2025-08-18-legacy.json'],
  ['gemini-cli/2025-11-session-toolcalls-13.json', '.gemini/tmp/abc123/chats/session-2025-11-10T01-06-85ff787c.json'],
  ['gemini-cli/2025-10-logs-small.json', '.gemini/tmp/def456/logs.json'],
  ['opencode/sqlite-opencode-1.17-3-sessions.db', '.local/share/opencode/opencode.db'],
  ['opencode/legacy-0.5.28-project-storage/project', '.local/share/opencode/project'],
  ['cline/api_conversation_history-1.5MB.json', '.cline/data/tasks/1730000000000/api_conversation_history.json'],
  [
    'amp/2025-10-T-16c2227a-e98f-4969-998b-aaa50a930b05.json',
    '.local/share/amp/threads/T-16c2227a-e98f-4969-998b-aaa50a930b05.json',
  ],
  ['cursor/workspace-aichat-composer.state.vscdb', '.config/Cursor/User/workspaceStorage/0a1b2c/state.vscdb'],
  ['cursor/global-cursorDiskKV-no-bubbles.state.vscdb', '.config/Cursor/User/globalStorage/state.vscdb'],
  ['goose/sessions-db-1-session-0-messages.sqlite', '.local/share/goose/sessions/sessions.db'],
  ['aider/v0.86.1-single-session-edits.chat.history.md', '.aider.chat.history.md'],
];

const TOOLS: ToolName[] = ['claude-code', 'codex', 'gemini', 'opencode', 'cline', 'amp', 'cursor', 'goose', 'aider'];

let home: string;
let sources: DiscoveredSource[];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'os-fake-home-'));
  for (const [from, to] of LAYOUT) {
    mkdirSync(dirname(join(home, to)), { recursive: true });
    cpSync(join(CORPUS, from), join(home, to), { recursive: true });
  }
  const env = { XDG_DATA_HOME: join(home, '.local/share'), XDG_CONFIG_HOME: join(home, '.config') };
  ({ sources } = await discoverAll({ home, env, projectRoots: [home] }));
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('discovery on a fake home built from the corpus', () => {
  it.each(TOOLS)('finds %s sessions', (tool) => {
    expect(sources.filter((s) => s.tool === tool).length).toBeGreaterThan(0);
  });

  it('finds Claude main sessions, with subagent files as parts rather than sources', () => {
    const claude = sources.filter((s) => s.tool === 'claude-code');
    expect(claude.some((s) => s.path.endsWith('8fd119a6-9ab8-407b-810f-329cfb6153e0.jsonl'))).toBe(true);
    const withParts = claude.find((s) => s.path.endsWith('8fd119a6-9ab8-407b-810f-329cfb6153e0.jsonl'));
    expect(withParts?.parts?.some((p) => p.includes('/subagents/agent-'))).toBe(true);
    expect(claude.some((s) => s.path.includes('agent-a520480fc0182e0d7.jsonl'))).toBe(false);
  });

  it('parses every discovered source without throwing, and the parser claims its own file', async () => {
    for (const src of sources) {
      const parser = await loadParser(src.tool);
      expect(parser, src.tool).toBeDefined();
      expect(parser!.canParse(src.path, await readFirstBytes(src.path)), src.path).toBe(true);
      const r = await parser!.parse(src.path);
      expect(Array.isArray(r.sessions), src.path).toBe(true);
    }
  });
});
