import { stat } from 'node:fs/promises';
import type { Session } from '../hail/session.js';
import { isHailFile, readHailFile } from './hail-file.js';
import { loadParsers } from './registry.js';
import { readFirstBytes } from './shared/sniff.js';
import type { Parser, ParseWarning } from './types.js';

export interface LoadedSessions {
  /** The tool whose format the file is in, or `hail` for HAIL JSONL files. */
  tool: string;
  sessions: Session[];
  warnings: ParseWarning[];
}

export class UnknownFormatError extends Error {
  constructor(readonly path: string) {
    super(`${path}: not a HAIL file or a session file of any supported tool (use --tool to force one)`);
    this.name = 'UnknownFormatError';
  }
}

/** The parser whose canParse claims the file; `tool` forces one. */
export async function detectParser(path: string, firstBytes: Buffer, tool?: string): Promise<Parser | undefined> {
  const parsers = await loadParsers(tool ? [tool] : undefined);
  if (tool) return parsers[0];
  return parsers.find((p) => p.canParse(path, firstBytes));
}

/**
 * Loads every session in one file: a HAIL file, or a tool's own log (detected by
 * location and content). Throws only for what the caller must report: a missing or
 * unrecognised file. Problems inside a file come back as warnings.
 */
export async function loadSessions(path: string, opts: { tool?: string } = {}): Promise<LoadedSessions> {
  await stat(path); // ENOENT surfaces with the path in its message
  const head = await readFirstBytes(path);
  if (!opts.tool && isHailFile(head)) {
    const { session, issues } = await readHailFile(path);
    const warnings = issues.map(
      (i): ParseWarning => ({ kind: 'bad-line', file: path, line: i.line, reason: i.message }),
    );
    return { tool: 'hail', sessions: [session], warnings };
  }
  const parser = await detectParser(path, head, opts.tool);
  if (!parser) {
    if (opts.tool) throw new Error(`unknown tool "${opts.tool}"`);
    throw new UnknownFormatError(path);
  }
  const r = await parser.parse(path);
  return { tool: parser.tool, sessions: r.sessions, warnings: r.warnings };
}
