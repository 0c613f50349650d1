import type { McpServer, ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Db } from '../store/db.js';
import { capText } from './budget.js';
import { safeJson } from './redact-output.js';

/** What a tool call may use: the index (read-only, open for this call only) and the limits. */
export interface ToolEnv {
  db: Db;
  /** Largest structured result and largest text rendering, in characters. */
  budget: number;
  /** `7d`, `yesterday`, `2026-02-01` → a date; undefined when not understood. */
  parseTime(text: string): Date | undefined;
}

type Shape = z.ZodRawShape;
export type Input<I extends Shape> = z.infer<z.ZodObject<I>>;
export type Output<O extends Shape> = z.infer<z.ZodObject<O>>;

/** One MCP tool: zod schemas in and out, the work, and the short text shown beside the data. */
export interface McpTool<I extends Shape, O extends Shape> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  run(args: Input<I>, env: ToolEnv): Promise<Output<O>> | Output<O>;
  /** Renders the (already redacted) result; must read nothing but `out`. */
  render(out: Output<O>): string;
}

export interface ToolHost {
  openDb(): Db;
  budget: number;
  parseTime(text: string): Date | undefined;
}

/**
 * Registers a tool whose every result is redacted as a whole and whose text is rendered from
 * the redacted data only, so no code path can return a secret the index holds.
 */
export function registerTool<I extends Shape, O extends Shape>(
  server: McpServer,
  tool: McpTool<I, O>,
  host: ToolHost,
): void {
  const handler = async (args: Input<I>): Promise<CallToolResult> => {
    const db = host.openDb();
    let out: Output<O>;
    try {
      out = safeJson(await tool.run(args, { db, budget: host.budget, parseTime: host.parseTime }));
    } finally {
      db.close();
    }
    return {
      structuredContent: out as Record<string, unknown>,
      content: [{ type: 'text', text: capText(tool.render(out), host.budget) }],
    };
  };
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      outputSchema: tool.output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    // The SDK types args through its own zod-compat layer, which TS cannot equate with z.infer for a generic I.
    handler as unknown as ToolCallback<I>,
  );
}
