import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, REPO_ROOT } from '../cli/run-cli.js';
import {
  AWS_KEY,
  buildIndexedHome,
  CLAUDE_ID,
  CODEX_ID,
  callTool,
  connectMcp,
  GITHUB_TOKEN,
  type McpConnection,
  PLANTED_PHRASE,
  type ToolReply,
} from './mcp-harness.js';

const SMALL_BUDGET = 2000;
let home: string;
let mcp: McpConnection;
let small: McpConnection;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'os-mcp-'));
  await buildIndexedHome(home);
  [mcp, small] = await Promise.all([connectMcp(home), connectMcp(home, ['--max-output', String(SMALL_BUDGET)])]);
});

afterAll(async () => {
  await Promise.all([mcp?.close(), small?.close()]);
  rmSync(home, { recursive: true, force: true });
});

const call = (name: string, args: Record<string, unknown>) => callTool(mcp.client, name, args);

/** Neither the secrets nor a piece of them (a secret cut short, as in a stored title) reached the client. */
function expectNoSecret(r: ToolReply): void {
  for (const secret of [AWS_KEY, GITHUB_TOKEN]) {
    expect(r.raw).not.toContain(secret.slice(0, 8));
    expect(r.raw).not.toContain(secret.slice(4, 12));
  }
}

function expectWithinBudget(r: ToolReply, budget: number): void {
  expect(r.isError).toBe(false);
  expect(r.text.length).toBeLessThanOrEqual(budget);
  expect(JSON.stringify(r.data).length).toBeLessThanOrEqual(budget);
}

describe('opensession mcp: tools', () => {
  it('lists the five tools, each with JSON schemas in and out, all read-only', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'get_session',
      'handoff',
      'list_recent_sessions',
      'search_sessions',
      'usage_stats',
    ]);
    for (const t of tools) {
      expect(t.description?.length).toBeGreaterThan(40);
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type).toBe('object');
      expect(t.annotations?.readOnlyHint).toBe(true);
    }
    const search = tools.find((t) => t.name === 'search_sessions');
    expect(search?.inputSchema.required).toEqual(['query']);
    expect(Object.keys(search?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['query', 'tool', 'project', 'since', 'limit']),
    );
  });

  it('search_sessions finds a known phrase and names the session and event', async () => {
    const r = await call('search_sessions', { query: 'conditional view blocks' });
    expect(r.isError).toBe(false);
    const hit = r.data.hits[0];
    expect(hit).toMatchObject({ session_id: CLAUDE_ID, tool: 'claude-code', kind: 'UserMessage' });
    expect(hit.snippet).toContain('conditional view blocks');
    expect(r.text).toContain(`${CLAUDE_ID} #${hit.seq}`);
  });

  it('search_sessions filters by tool and since', async () => {
    const codex = await call('search_sessions', { query: 'bun', tool: 'codex' });
    expect(codex.data.hits.length).toBeGreaterThan(0);
    expect(new Set(codex.data.hits.map((h: { session_id: string }) => h.session_id))).toEqual(new Set([CODEX_ID]));
    const later = await call('search_sessions', { query: 'conditional view blocks', since: '2026-04-01' });
    expect(later.data.hits).toEqual([]);
    expect(later.text).toMatch(/^No match/);
  });

  it('get_session reads the events around a hit', async () => {
    const r = await call('get_session', { session: CLAUDE_ID, start: 2, end: 5 });
    expect(r.isError).toBe(false);
    expect(r.data.session).toMatchObject({ id: CLAUDE_ID, tool: 'claude-code', project: 'evergreen', event_count: 41 });
    expect(r.data.events.map((e: { seq: number }) => e.seq)).toEqual([2, 3, 4]);
    expect(r.data.next_start).toBeNull();
    expect(r.text).toContain('### #2 ');
    expect(r.text).toContain("I'll help you investigate");
  });

  it('get_session pages through a whole session with next_start', async () => {
    const seqs: number[] = [];
    let start: number | null = 0;
    let pages = 0;
    while (start !== null && pages < 100) {
      const r = await callTool(small.client, 'get_session', { session: CLAUDE_ID, start });
      expectWithinBudget(r, SMALL_BUDGET);
      seqs.push(...r.data.events.map((e: { seq: number }) => e.seq));
      start = r.data.next_start;
      if (start !== null) expect(r.text).toContain(`"start": ${start}`);
      pages++;
    }
    expect(pages).toBeGreaterThan(2);
    expect(seqs).toEqual(Array.from({ length: 41 }, (_, i) => i));
  });

  it('get_session can keep to the conversation', async () => {
    const r = await call('get_session', { session: CLAUDE_ID, messages_only: true });
    const kinds = new Set(r.data.events.map((e: { kind: string }) => e.kind));
    expect([...kinds].sort()).toEqual(['AgentMessage', 'UserMessage']);
  });

  it('handoff briefs a session given by id prefix or HEAD~N', async () => {
    const r = await call('handoff', { session: CLAUDE_ID.slice(0, 8) });
    expect(r.isError).toBe(false);
    expect(r.data.handoff).toMatchObject({ session_id: CLAUDE_ID, tool: 'claude-code' });
    expect(r.data.handoff.commands.map((c: { command: string }) => c.command)).toContain(
      'git show --stat eac0cb2721e7ab6524ec61b64c8666179f56966e',
    );
    expect(r.text).toMatch(/^# Session Handoff\n/);
    const head = await call('handoff', { session: 'HEAD' });
    expect(head.data.handoff.session_id).toBe(CODEX_ID);
  });

  it('list_recent_sessions lists newest first, by project name or working directory', async () => {
    const all = await call('list_recent_sessions', {});
    expect(all.data.sessions.map((s: { id: string }) => s.id).slice(0, 2)).toEqual([CODEX_ID, CLAUDE_ID]);
    expect(all.data.sessions).toHaveLength(3);
    const byName = await call('list_recent_sessions', { project: 'evergreen' });
    expect(byName.data.sessions.map((s: { id: string }) => s.id)).toEqual([CLAUDE_ID]);
    const byCwd = await call('list_recent_sessions', { project: '/Users/xuwentao/Projects/github/patent-platform' });
    expect(byCwd.data.sessions.map((s: { id: string }) => s.id)).toEqual([CODEX_ID]);
    expect(byCwd.text).toContain(CODEX_ID);
  });

  it('usage_stats reports tokens and cost by tool, model and day', async () => {
    const codex = await call('usage_stats', { by: 'model', tool: 'codex' });
    // The figures of the codex file's final total_token_usage (as in the CLI stats test).
    expect(codex.data.totals).toMatchObject({
      sessions: 1,
      input_tokens: 59424,
      output_tokens: 3316,
      cache_read_tokens: 248960,
    });
    expect(codex.data.rows.map((r: { key: string }) => r.key)).toEqual(['gpt-5.4']);
    expect(codex.text).toContain('59424 in');
    const days = await call('usage_stats', {});
    const keys = days.data.rows.map((r: { key: string }) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('opensession mcp: redaction and budgets', () => {
  it('a planted secret comes back redacted from every tool', async () => {
    const search = await call('search_sessions', { query: PLANTED_PHRASE });
    const hit = search.data.hits[0];
    expect(hit.session_id).toBe(CLAUDE_ID);
    expect(hit.snippet).toContain('[REDACTED:aws-access-key]');
    expect(hit.snippet).toContain('[REDACTED:github-token]');
    const event = await call('get_session', { session: CLAUDE_ID, start: hit.seq, end: hit.seq + 1 });
    expect(event.data.events[0].text).toContain(`${PLANTED_PHRASE} use [REDACTED:aws-access-key]`);
    expect(event.text).toContain('[REDACTED:github-token]');
    const handoff = await call('handoff', { session: CLAUDE_ID });
    expect(handoff.data.handoff.objective).toContain('[REDACTED:aws-access-key]');
    expect(handoff.text).toContain('[REDACTED:aws-access-key]');
    const list = await call('list_recent_sessions', { project: 'evergreen' });
    expect(list.data.sessions[0].title).toContain('[REDACTED:aws-access-key]');
    const whole = await call('get_session', { session: CLAUDE_ID });
    for (const r of [search, event, handoff, list, whole]) expectNoSecret(r);
  });

  it('every tool keeps to a small --max-output', async () => {
    const replies = await Promise.all([
      callTool(small.client, 'search_sessions', { query: 'the', limit: 100 }),
      callTool(small.client, 'handoff', { session: CLAUDE_ID }),
      callTool(small.client, 'list_recent_sessions', { limit: 200 }),
      callTool(small.client, 'usage_stats', { by: 'day' }),
    ]);
    for (const r of replies) expectWithinBudget(r, SMALL_BUDGET);
    const [search, handoff] = replies;
    expect(search.data.omitted).toBeGreaterThan(0);
    expect(search.text).toContain('left out to fit the output budget');
    expect(Object.values(handoff.data.omitted).length).toBeGreaterThan(0);
  });

  it('bad input is a tool error that names the problem', async () => {
    const unknown = await call('get_session', { session: 'no-such-session' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('no indexed session');
    // Only the index is served: an existing file is not read.
    const file = await call('handoff', { session: join(REPO_ROOT, 'package.json') });
    expect(file.isError).toBe(true);
    const since = await call('list_recent_sessions', { since: 'whenever' });
    expect(since.isError).toBe(true);
    expect(since.text).toMatch(/^since: expected/);
    const empty = await call('search_sessions', { query: '' });
    expect(empty.isError).toBe(true);
  });
});

describe('opensession mcp: process', () => {
  it('without an index, tools say how to build one', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'os-mcp-bare-'));
    const c = await connectMcp(bare);
    try {
      const r = await callTool(c.client, 'list_recent_sessions', {});
      expect(r.isError).toBe(true);
      expect(r.text).toContain('opensession session index');
      expect(c.stderr()).toContain('no index at');
    } finally {
      await c.close();
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('writes only protocol messages to stdout and exits 0 when the client closes stdin', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, 'mcp'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_DATA_HOME: join(home, '.local', 'share') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.includes('\n')) child.stdin.end();
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } },
    };
    child.stdin.write(`${JSON.stringify(init)}\n`);
    expect(await exited).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      jsonrpc: '2.0',
      id: 1,
      result: { serverInfo: { name: 'opensession' } },
    });
  });
});
