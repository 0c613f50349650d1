import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CLI_ENTRY, REPO_ROOT, runCli } from '../cli/run-cli.js';

export const CORPUS = resolve(REPO_ROOT, '../shared/corpus');

export const CLAUDE_ID = '058a90bd-630d-4f9a-8c8c-7dfc4fe03fe7';
export const CODEX_ID = '019d688b-3b5f-72c0-8028-4a4af562b9f5';
export const AWS_KEY = 'AKIAZ7QK3MWT5XHN2VPL';
export const GITHUB_TOKEN = 'ghp_x9Kq2LmV8nR4tW7yZ1aB3cD5eF6gH0jP2sQ4';
/** Words of the user message the secrets are planted in. */
export const PLANTED_PHRASE = 'rotate the staging credentials';

function put(home: string, from: string, to: string, edit?: (text: string) => string): void {
  const dest = join(home, to);
  mkdirSync(dirname(dest), { recursive: true });
  if (edit) writeFileSync(dest, edit(readFileSync(join(CORPUS, from), 'utf8')));
  else cpSync(join(CORPUS, from), dest, { recursive: true });
}

/** A home with real sessions of three tools, one with secrets planted in a user message; then indexed. */
export async function buildIndexedHome(home: string): Promise<void> {
  put(
    home,
    'claude-code/v2.0.2-bash-read-summary.jsonl',
    `.claude/projects/-Users-bholt-dev-evergreen/${CLAUDE_ID}.jsonl`,
    // At the start of the first user message: it is also the title, the objective and the search hit.
    (text) =>
      text.replace(
        '"text":"In commit d873',
        `"text":"To ${PLANTED_PHRASE} use ${AWS_KEY} and ${GITHUB_TOKEN}. In commit d873`,
      ),
  );
  put(
    home,
    'codex/v0.118.0-tui-2026-04-exec-command-end.jsonl',
    '.codex/sessions/2026/04/07/rollout-2026-04-07-a.jsonl',
  );
  put(
    home,
    'gemini-cli/2025-11-session-toolcalls-13.json',
    '.gemini/tmp/abc/chats/session-2025-11-10T01-06-85ff787c.json',
  );
  const r = await runCli(['session', 'index'], { home });
  if (r.code !== 0) throw new Error(`session index failed: ${r.stderr}`);
}

export interface McpConnection {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

/** A real SDK client that spawns `opensession mcp` (source via tsx) with a pinned environment. */
export async function connectMcp(home: string, extraArgs: readonly string[] = []): Promise<McpConnection> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', CLI_ENTRY, 'mcp', ...extraArgs],
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_CONFIG_HOME: join(home, '.config'),
      TZ: 'UTC',
      NO_COLOR: '1',
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const client = new Client({ name: 'opensession-test', version: '0.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

export interface ToolReply {
  isError: boolean;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read fields of each tool's own shape.
  data: any;
  /** Everything the client received, for "the secret is nowhere" checks. */
  raw: string;
}

export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolReply> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const first = r.content[0];
  return {
    isError: r.isError === true,
    text: first?.type === 'text' ? first.text : '',
    data: r.structuredContent,
    raw: JSON.stringify(r),
  };
}
