import { existsSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { type Db, indexPath, openIndex } from '../store/db.js';
import { getSession } from './get-session.js';
import { handoffTool } from './handoff.js';
import { listRecentSessions } from './list-recent-sessions.js';
import { searchSessions } from './search-sessions.js';
import { type McpTool, registerTool } from './tool.js';
import { usageStatsTool } from './usage-stats.js';

export interface McpServerOptions {
  dataDir: string;
  /** Largest structured result and largest text rendering of a tool call, in characters. */
  maxOutput: number;
  parseTime(text: string): Date | undefined;
  version: string;
}

const INSTRUCTIONS =
  "Read-only access to the user's past AI coding sessions (Claude Code, Codex, Gemini CLI, Cursor, …) from " +
  'the local OpenSession index. Use search_sessions to find how something was done or fixed before, ' +
  'get_session to read the conversation around a hit, handoff for a briefing to continue a session, ' +
  'list_recent_sessions for the latest sessions of a project, usage_stats for tokens and cost. ' +
  'Secrets in results are redacted.';

/**
 * A fresh read-only connection per call: the indexer may have created or rebuilt the file since
 * the last one, and a reader never blocks it (WAL).
 */
function indexOpener(dataDir: string): () => Db {
  const file = indexPath(dataDir);
  return () => {
    if (!existsSync(file)) throw new Error(`no local index at ${file}: run \`opensession session index\` first`);
    return openIndex(file, { readonly: true });
  };
}

// biome-ignore lint/suspicious/noExplicitAny: each tool has its own schemas; the list only registers them.
const TOOLS: readonly McpTool<any, any>[] = [
  searchSessions,
  getSession,
  handoffTool,
  listRecentSessions,
  usageStatsTool,
];

export function createMcpServer(opts: McpServerOptions): McpServer {
  const server = new McpServer({ name: 'opensession', version: opts.version }, { instructions: INSTRUCTIONS });
  const host = { openDb: indexOpener(opts.dataDir), budget: opts.maxOutput, parseTime: opts.parseTime };
  for (const tool of TOOLS) registerTool(server, tool, host);
  return server;
}

/** Serves MCP on the given streams until the client closes its end (stdin) or `stop` resolves. */
export async function serveStdio(
  opts: McpServerOptions & { stdin: Readable; stdout: Writable; stop?: Promise<unknown> },
): Promise<void> {
  const server = createMcpServer(opts);
  const closed = new Promise<void>((resolve) => {
    opts.stdin.once('end', resolve);
    opts.stdin.once('close', resolve);
    void opts.stop?.then(() => resolve());
  });
  await server.connect(new StdioServerTransport(opts.stdin, opts.stdout));
  await closed;
  await server.close();
}
