import type { Session } from '../hail/session.js';

/** Every tool OpenSession reads. Cline-family forks (Roo Code, Kilo Code) report their own name. */
export const TOOLS = [
  'claude-code',
  'codex',
  'gemini',
  'opencode',
  'cline',
  'roo-code',
  'kilo-code',
  'amp',
  'cursor',
  'goose',
  'aider',
  'external',
] as const;
export type ToolName = (typeof TOOLS)[number];

/** Where discovery looks. Every machine root is a parameter so tests run on temp dirs. */
export interface DiscoverRoots {
  home: string;
  /** Environment (CLAUDE_CONFIG_DIR, CODEX_HOME, XDG_DATA_HOME, XDG_CONFIG_HOME, APPDATA ...). */
  env: Readonly<Record<string, string | undefined>>;
  /** Extra project roots to look in (Aider keeps its history in project roots). */
  projectRoots?: readonly string[];
  platform?: NodeJS.Platform;
}

/** One source found on disk: a file (or a database) holding one or more sessions. */
export interface DiscoveredSource {
  tool: ToolName;
  path: string;
  size: number;
  mtimeMs: number;
  /**
   * Other files whose content belongs to this source's sessions (Claude subagent files,
   * OpenCode message/part files...). A change to any of them means re-parsing the source.
   */
  parts?: string[];
}

export type WarningKind = 'bad-line' | 'unknown-shape' | 'truncated' | 'unreadable' | 'empty' | 'binary' | 'invalid';

/** A problem found while parsing: data, never an exception (style rule 4). */
export interface ParseWarning {
  kind: WarningKind;
  file: string;
  /** 1-based line number when the format is line-oriented. */
  line?: number;
  reason: string;
}

/** Opaque, JSON-serializable parser state that lets an append-only file resume. */
export type ResumeState = Record<string, unknown>;

export interface ParseOptions {
  /** Resume an append-only file at this byte offset (returned by the previous parse). */
  fromOffset?: number;
  resume?: ResumeState;
  /**
   * Stop after about this many bytes, at a line boundary, and set `more` in the result; the
   * caller continues from the returned offset and state. Append-only parsers honour it so a
   * multi-GB transcript is read in bounded memory; others read whole and ignore it.
   */
  maxBytes?: number;
}

export interface ParseResult {
  /** Sessions in the source. When resuming, each holds only the new events. */
  sessions: Session[];
  warnings: ParseWarning[];
  /**
   * For append-only formats: byte offset just past the last complete line consumed,
   * and the state to pass back with it. Absent for formats that must be re-read whole.
   */
  offset?: number;
  resume?: ResumeState;
  /** The read stopped at `maxBytes`: parse again from `offset` with `resume` for the rest. */
  more?: boolean;
}

export interface Parser {
  tool: ToolName;
  /** Human name for messages ("Claude Code"). */
  displayName: string;
  /** True when the parser can resume from `offset` (append-only JSONL). */
  appendOnly: boolean;
  discover(roots: DiscoverRoots): Promise<DiscoveredSource[]>;
  /** Cheap check on the path and the first bytes (up to 4 KiB) of a file. */
  canParse(path: string, firstBytes: Buffer): boolean;
  /** Never throws for bad input: problems become warnings. */
  parse(path: string, opts?: ParseOptions): Promise<ParseResult>;
}
