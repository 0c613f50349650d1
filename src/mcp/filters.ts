import { z } from 'zod';
import type { SessionFilters } from '../store/queries/filters.js';
import type { ToolEnv } from './tool.js';

const WHEN = 'a date (2026-02-01), today, yesterday, "3 days ago" or 3d/12h/2w';

/** The session filters tools share, as MCP input fields. */
export const filterShape = {
  tool: z.string().optional().describe('only sessions of this tool: claude-code, codex, gemini, cursor, opencode, …'),
  project: z
    .string()
    .optional()
    .describe("only sessions of this project: a repository name or a directory (matched in the session's cwd)"),
  model: z.string().optional().describe('only sessions whose model matches (* is a wildcard)'),
  since: z.string().optional().describe(`only sessions started at or after this: ${WHEN}`),
  until: z.string().optional().describe(`only sessions started before this: ${WHEN}`),
};

type FilterArgs = { [K in keyof typeof filterShape]?: string };

function timeBound(field: string, value: string | undefined, env: ToolEnv): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const date = env.parseTime(value);
  if (!date) throw new Error(`${field}: expected ${WHEN}, got ${JSON.stringify(value)}`);
  return date.toISOString();
}

/** Tool arguments as the store's filters; a bad time bound is an error naming the field. */
export function toFilters(args: FilterArgs, env: ToolEnv): SessionFilters {
  const f: SessionFilters = {};
  if (args.tool) f.tool = args.tool;
  if (args.project) f.project = args.project;
  if (args.model) f.model = args.model;
  const since = timeBound('since', args.since, env);
  const until = timeBound('until', args.until, env);
  if (since) f.since = since;
  if (until) f.until = until;
  return f;
}
