import { z } from 'zod';
import { listSessions } from '../store/queries/log.js';
import { fitItems } from './budget.js';
import { filterShape, toFilters } from './filters.js';
import { SessionSummarySchema, sessionSummary, summaryLine } from './session-summary.js';
import type { McpTool } from './tool.js';

const input = {
  ...filterShape,
  limit: z.number().int().min(1).max(200).optional().describe('most sessions to return (default 20)'),
};

const output = {
  sessions: z.array(SessionSummarySchema),
  omitted: z.number().int().describe('sessions left out to fit the output budget'),
};

export const listRecentSessions: McpTool<typeof input, typeof output> = {
  name: 'list_recent_sessions',
  title: 'List recent AI coding sessions',
  description:
    'Indexed sessions, newest first, optionally only those of a project (pass a repository name or the ' +
    'current working directory), a tool, a model or a time range. Each has an id for get_session and handoff.',
  input,
  output,
  run(args, env) {
    const rows = listSessions(env.db, toFilters(args, env), args.limit ?? 20).map(sessionSummary);
    const { kept, omitted } = fitItems(rows, env.budget, summaryLine);
    return { sessions: kept, omitted };
  },
  render(out) {
    if (out.sessions.length === 0) return 'No indexed session matches.';
    const more = out.omitted ? `\n(${out.omitted} more left out to fit the output budget)` : '';
    return `${out.sessions.length} session(s), newest first:\n${out.sessions.map(summaryLine).join('\n')}${more}`;
  },
};
