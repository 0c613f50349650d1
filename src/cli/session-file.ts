import { resolve } from 'node:path';
import type { Session } from '../hail/session.js';
import { type LoadedSessions, loadSessions, UnknownFormatError } from '../parsers/load.js';
import { registeredTools } from '../parsers/registry.js';
import type { ParseWarning } from '../parsers/types.js';
import type { CliContext } from './context.js';
import { CliError, NotFoundError, UsageError } from './errors.js';

// Reading session files named on the command line, shared by parse, handoff, diff and timeline:
// turns the loader's failures into CLI errors (by class and errno, never by message) and reports
// per-line problems on stderr, where they do not mix with the data on stdout.

const MAX_WARNINGS_SHOWN = 3;

export async function readSessionFile(
  path: string,
  opts: { tool?: string },
  ctx: Pick<CliContext, 'cwd' | 'stderr'>,
): Promise<LoadedSessions> {
  if (opts.tool && !registeredTools().includes(opts.tool as never)) {
    throw new UsageError(`no parser for ${opts.tool} yet`, `available: ${registeredTools().join(', ') || '(none)'}`);
  }
  let loaded: LoadedSessions;
  try {
    loaded = await loadSessions(resolve(ctx.cwd, path), opts);
  } catch (err) {
    if (err instanceof UnknownFormatError) {
      throw new UsageError(
        `${path}: not a HAIL file or a session file of a supported tool`,
        'pass --tool to choose the parser',
      );
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`no such file: ${path}`);
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`cannot read ${path}: permission denied`);
    throw err;
  }
  reportWarnings(path, loaded.warnings, ctx.stderr);
  return loaded;
}

/**
 * The one session a command works on. A file that holds several (a tool's database) yields its
 * most recently updated one, and says so, rather than failing.
 */
export async function readOneSession(
  path: string,
  opts: { tool?: string },
  ctx: Pick<CliContext, 'cwd' | 'stderr'>,
): Promise<Session> {
  const { sessions } = await readSessionFile(path, opts, ctx);
  const [first, ...rest] = [...sessions].sort((a, b) => b.context.updated_at.localeCompare(a.context.updated_at));
  if (!first) throw new NotFoundError(`no session in ${path}`);
  if (rest.length > 0) {
    ctx.stderr.write(`opensession: ${path} holds ${sessions.length} sessions; using the latest, ${first.session_id}\n`);
  }
  return first;
}

function reportWarnings(path: string, warnings: readonly ParseWarning[], stderr: CliContext['stderr']): void {
  if (warnings.length === 0) return;
  stderr.write(`opensession: ${path}: ${warnings.length} problem(s) while reading\n`);
  for (const w of warnings.slice(0, MAX_WARNINGS_SHOWN)) {
    stderr.write(`  ${w.line !== undefined ? `line ${w.line}: ` : ''}${w.kind}: ${w.reason}\n`);
  }
  if (warnings.length > MAX_WARNINGS_SHOWN) stderr.write(`  … and ${warnings.length - MAX_WARNINGS_SHOWN} more\n`);
}
