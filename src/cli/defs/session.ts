import { type Command, Option } from 'commander';
import type { ToolName } from '../../parsers/types.js';
import { processContext } from '../context.js';
import {
  dataDirOption,
  jsonOption,
  limitOption,
  outputFileOption,
  positiveInt,
  type SessionFilterFlags,
  sessionFilterOptions,
  sinceOption,
  toolOption,
  withOptions,
} from '../shared-options.js';

/** Read from a repository's `opensession/sessions` branch (git-native storage) instead of the local index. */
const gitStorageOption = () =>
  new Option(
    '--git [repo]',
    "use the sessions stored in a repository's opensession/sessions branch (default: this one)",
  );

export function defineSession(program: Command): void {
  const session = program.command('session').description('discover, parse, index and inspect local AI coding sessions');

  session
    .command('discover')
    .description('list every AI session on this machine by tool, with found/parsed/failed counts')
    .addOption(toolOption('only this tool'))
    .addOption(new Option('--files', 'only list the session files found (fast: parses nothing)'))
    .addOption(jsonOption())
    .action(async (flags: { tool?: ToolName; json?: boolean; files?: boolean }) => {
      const { handleSessionDiscover } = await import('../commands/session-discover.js');
      await handleSessionDiscover(
        { tool: flags.tool, json: flags.json === true, files: flags.files === true },
        processContext(),
      );
    });

  session
    .command('parse')
    .description('parse one session file and print it as HAIL, JSON or a summary')
    .argument('<path>', 'session file (or database) written by an AI tool')
    .addOption(toolOption('parse as this tool instead of detecting it'))
    .addOption(new Option('--format <format>', 'output format').choices(['hail', 'json', 'summary']).default('summary'))
    .action(async (path: string, flags: { tool?: ToolName; format: 'hail' | 'json' | 'summary' }) => {
      const { handleSessionParse } = await import('../commands/session-parse.js');
      await handleSessionParse({ path, tool: flags.tool, format: flags.format }, processContext());
    });

  session
    .command('index')
    .description('build or update the local session index (re-reads only changed files)')
    .addOption(toolOption('only this tool'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(async (flags: { tool?: ToolName; dataDir?: string; json?: boolean }) => {
      const { handleSessionIndex } = await import('../commands/session-index.js');
      await handleSessionIndex(
        { tool: flags.tool, dataDir: flags.dataDir, json: flags.json === true },
        processContext(),
      );
    });

  withOptions(
    session.command('log').description('show session history, newest first (git-log style)'),
    sessionFilterOptions(),
  )
    .addOption(limitOption())
    .addOption(dataDirOption())
    .addOption(gitStorageOption())
    .addOption(jsonOption())
    .action(
      async (flags: SessionFilterFlags & { limit: number; dataDir?: string; json?: boolean; git?: string | true }) => {
        const { handleSessionLog } = await import('../commands/session-log.js');
        await handleSessionLog({ ...flags, json: flags.json === true }, processContext());
      },
    );

  withOptions(
    session
      .command('search')
      .description('full-text search across every indexed message')
      .argument('<query>', 'words or "a phrase" to find'),
    sessionFilterOptions(),
  )
    .addOption(limitOption())
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(async (query: string, flags: SessionFilterFlags & { limit: number; dataDir?: string; json?: boolean }) => {
      const { handleSessionSearch } = await import('../commands/session-search.js');
      await handleSessionSearch({ ...flags, query, json: flags.json === true }, processContext());
    });

  session
    .command('show')
    .description('show one session')
    .argument('<ref>', 'session id, file path, HEAD or HEAD~N')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'hail', 'json']).default('md'))
    .addOption(dataDirOption())
    .addOption(gitStorageOption())
    .action(async (ref: string, flags: { format: 'md' | 'hail' | 'json'; dataDir?: string; git?: string | true }) => {
      const { handleSessionShow } = await import('../commands/session-show.js');
      await handleSessionShow({ ref, ...flags }, processContext());
    });

  session
    .command('stats')
    .description('AI usage statistics: sessions, time, tokens and cost')
    .addOption(
      new Option('--by <period>', 'group by')
        .choices(['day', 'week', 'month', 'tool', 'model', 'project'])
        .default('day'),
    )
    .addOption(toolOption())
    .addOption(sinceOption())
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(
      async (
        flags: SessionFilterFlags & {
          by: 'day' | 'week' | 'month' | 'tool' | 'model' | 'project';
          dataDir?: string;
          json?: boolean;
        },
      ) => {
        const { handleSessionStats } = await import('../commands/session-stats.js');
        await handleSessionStats({ ...flags, json: flags.json === true }, processContext());
      },
    );

  session
    .command('handoff')
    .description('write a briefing (goal, work done, files, open problems) for the next agent')
    .argument('[refs...]', 'sessions to summarise: ids, prefixes, HEAD~N or files (several are merged; default HEAD)')
    .addOption(toolOption('parse files as this tool instead of detecting it'))
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'))
    .addOption(outputFileOption())
    .addOption(dataDirOption())
    .action(
      async (refs: string[], flags: { tool?: ToolName; format: 'md' | 'json'; output?: string; dataDir?: string }) => {
        const { handleSessionHandoff } = await import('../commands/session-handoff.js');
        await handleSessionHandoff({ refs, ...flags }, processContext());
      },
    );

  session
    .command('diff')
    .description('compare two sessions: objective, model, duration, tokens, errors, files')
    .argument('<a>', 'first session: id, prefix, HEAD~N or file')
    .argument('<b>', 'second session: id, prefix, HEAD~N or file')
    .addOption(toolOption('parse files as this tool instead of detecting it'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(async (a: string, b: string, flags: { tool?: ToolName; json?: boolean; dataDir?: string }) => {
      const { handleSessionDiff } = await import('../commands/session-diff.js');
      await handleSessionDiff({ a, b, ...flags, json: flags.json === true }, processContext());
    });

  session
    .command('timeline')
    .description('print a session as one line per event (pipe-friendly)')
    .argument('[ref]', 'session id, prefix, HEAD~N or file', 'HEAD')
    .addOption(toolOption('parse files as this tool instead of detecting it'))
    .addOption(dataDirOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'jsonl']).default('text'))
    .addOption(new Option('--no-collapse', 'keep runs of look-up events (read, search) on separate rows'))
    .addOption(new Option('--max-rows <n>', 'print at most <n> rows').argParser(positiveInt))
    .action(
      async (
        ref: string,
        flags: { tool?: ToolName; format: 'text' | 'jsonl'; collapse: boolean; maxRows?: number; dataDir?: string },
      ) => {
        const { handleSessionTimeline } = await import('../commands/session-timeline.js');
        await handleSessionTimeline({ ref, ...flags }, processContext());
      },
    );

  session
    .command('export')
    .description('export a session as Markdown, HTML or HAIL (secrets redacted)')
    .argument('<ref>', 'session id, file path, HEAD or HEAD~N')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html', 'hail']).default('md'))
    .addOption(outputFileOption())
    .addOption(new Option('--no-redact', 'keep secrets (redaction is on by default)'))
    .addOption(toolOption('parse files as this tool instead of detecting it'))
    .addOption(dataDirOption())
    .action(
      async (
        ref: string,
        flags: { format: 'md' | 'html' | 'hail'; output?: string; redact: boolean; tool?: ToolName; dataDir?: string },
      ) => {
        const { handleSessionExport } = await import('../commands/session-export.js');
        await handleSessionExport({ ref, ...flags }, processContext());
      },
    );

  session
    .command('doctor')
    .description('check parsers, the local index and tool settings that delete history')
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(async (flags: { dataDir?: string; json?: boolean }) => {
      const { handleSessionDoctor } = await import('../commands/session-doctor.js');
      await handleSessionDoctor({ dataDir: flags.dataDir, json: flags.json === true }, processContext());
    });
}
