import { existsSync } from 'node:fs';
import { MIN_MAX_OUTPUT } from '../../mcp/budget.js';
import { serveStdio } from '../../mcp/server.js';
import { indexPath, resolveDataDir } from '../../store/db.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { writeLine } from '../output.js';
import { parseTimeBound } from '../time-bound.js';
import { readVersion } from '../version.js';

export interface McpOptions {
  dataDir?: string;
  maxOutput: number;
}

/**
 * `opensession mcp`: the MCP server on stdin/stdout until the client hangs up. Stdout carries
 * the protocol only; the one status line goes to stderr (clients keep it in their logs).
 */
export async function handleMcp(opts: McpOptions, ctx: CliContext): Promise<void> {
  if (opts.maxOutput < MIN_MAX_OUTPUT) throw new UsageError(`--max-output: expected at least ${MIN_MAX_OUTPUT}`);
  const dataDir = resolveDataDir({ dataDir: opts.dataDir, env: ctx.env as NodeJS.ProcessEnv, home: ctx.home });
  const file = indexPath(dataDir);
  writeLine(
    ctx.stderr,
    existsSync(file)
      ? `opensession mcp: serving ${file} over stdio`
      : `opensession mcp: no index at ${file} yet; tools fail until \`opensession session index\` runs`,
  );
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  let onSignal = () => {};
  const stop = new Promise<void>((resolve) => {
    onSignal = resolve;
    for (const s of signals) process.once(s, onSignal);
  });
  try {
    await serveStdio({
      dataDir,
      maxOutput: opts.maxOutput,
      parseTime: (text) => parseTimeBound(text, new Date()),
      version: readVersion(),
      stdin: process.stdin,
      stdout: process.stdout,
      stop,
    });
  } finally {
    for (const s of signals) process.off(s, onSignal);
  }
}
