import { type Command, InvalidArgumentError, Option } from 'commander';
import { TOOLS, type ToolName } from '../parsers/types.js';
import { parseTimeBound } from './time-bound.js';

// Flags shared by several commands, defined once so their spelling, help text and parsing
// cannot drift between commands. Each call returns a fresh Option: commander mutates options
// while parsing, so one instance must not be attached to two commands.

export const jsonOption = () => new Option('--json', 'print machine-readable JSON on stdout');

export const dataDirOption = () =>
  new Option('--data-dir <dir>', 'local data directory (default: $XDG_DATA_HOME/opensession)').env(
    'OPENSESSION_DATA_DIR',
  );

export const toolOption = (description = 'only sessions from this tool') =>
  new Option('--tool <tool>', description).choices(TOOLS);

/** Validated and normalised at parse time so every command sees an ISO timestamp. */
function timeBoundArg(value: string): string {
  const date = parseTimeBound(value, new Date());
  if (!date) throw new InvalidArgumentError('expected a date (2026-02-01), today, yesterday or "3 days ago" / 3d');
  return date.toISOString();
}

export const sinceOption = () =>
  new Option(
    '--since <when>',
    'only sessions active at or after <when> (2026-02-01, today, 3d, "2 weeks ago")',
  ).argParser(timeBoundArg);

export const untilOption = () =>
  new Option('--until <when>', 'only sessions started before <when>').argParser(timeBoundArg);

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

export const limitOption = (fallback = 20) =>
  new Option('-n, --limit <n>', 'show at most <n> sessions').argParser(positiveInt).default(fallback);

export const outputFileOption = () => new Option('-o, --output <file>', 'write to <file> instead of stdout');

/** The session filters of log, search and (partly) stats. */
export const sessionFilterOptions = () => [
  toolOption(),
  new Option('--model <pattern>', 'only sessions whose model matches (* is a wildcard)'),
  new Option('--project <name>', 'only sessions of this project (repository name or directory)'),
  sinceOption(),
  untilOption(),
  new Option('--grep <text>', 'only sessions whose title or messages contain <text>'),
];

export interface SessionFilterFlags {
  tool?: ToolName;
  model?: string;
  project?: string;
  /** ISO 8601, normalised by the option's parser. */
  since?: string;
  until?: string;
  grep?: string;
}

/** commander has no addOptions; this keeps definitions declarative. */
export function withOptions(cmd: Command, options: readonly Option[]): Command {
  for (const option of options) cmd.addOption(option);
  return cmd;
}
