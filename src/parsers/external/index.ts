import { homedir } from 'node:os';
import { z } from 'zod';
import { neverThrow } from '../shared/guard.js';
import { WarningSink } from '../shared/warnings.js';
import { type ParseResult, type Parser, TOOLS } from '../types.js';
import { discoverByGlob } from './discover.js';
import { globMatcher } from './glob.js';
import { readConverterOutput } from './read-output.js';
import { runConverter, stderrHead } from './run.js';

/** A user-configured converter: `command <path>` prints HAIL (see docs/external-parsers.md). */
export const ExternalParserConfigSchema = z
  .object({
    name: z.string().min(1),
    /** argv of the converter; the source path is appended as the last argument. No shell. */
    command: z
      .array(z.string())
      .min(1)
      .refine((c) => c[0] !== '', 'command[0] must name a program'),
    /** Files this converter reads; also where discovery looks (`~/` is the home directory). */
    glob: z.string().min(1).optional(),
    /** File name endings it reads (`.csv`, `.log`), when a glob is not wanted. */
    extensions: z.array(z.string().min(1)).optional(),
    /** The tool the files come from, when it is one OpenSession knows; else `external`. */
    tool: z.enum(TOOLS).optional(),
    timeoutMs: z.number().int().positive().default(60_000),
    /** Home directory for `~` in canParse (discovery uses the roots it is given). */
    home: z.string().optional(),
  })
  .refine((c) => c.glob !== undefined || (c.extensions?.length ?? 0) > 0, 'give a glob or extensions');

export type ExternalParserConfig = z.input<typeof ExternalParserConfigSchema>;

async function parseWith(cfg: z.output<typeof ExternalParserConfigSchema>, path: string): Promise<ParseResult> {
  const sink = new WarningSink(path);
  const run = runConverter(cfg.command, path, cfg.timeoutMs);
  const sessions = await readConverterOutput(run.stdout, sink);
  const out = await run.done;
  const who = `${cfg.name} (${cfg.command[0]})`;
  let failed: string | undefined;
  if (out.spawnError) failed = `could not start ${who}: ${out.spawnError}`;
  else if (out.timedOut) failed = `${who} timed out after ${cfg.timeoutMs} ms`;
  else if (out.code !== 0) failed = `${who} exited with ${out.code ?? out.signal}`;
  if (failed) {
    // A converter that failed may have printed half a session: nothing it printed is kept.
    sink.add('invalid', `${failed}${stderrHead(out.stderr)}`);
    return { sessions: [], warnings: sink.list };
  }
  if (sessions.length === 0 && !sink.list.length) sink.add('empty', `${who} printed no session`);
  return { sessions, warnings: sink.list };
}

/** A Parser backed by an external command. Throws only for an invalid configuration. */
export function externalParser(config: ExternalParserConfig): Parser {
  const parsed = ExternalParserConfigSchema.safeParse(config);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(
      `external parser "${config.name}": ${i ? `${i.path.join('.') || 'config'}: ${i.message}` : 'invalid'}`,
    );
  }
  const cfg = parsed.data;
  const home = cfg.home ?? homedir();
  const byGlob = cfg.glob ? globMatcher(cfg.glob, home) : undefined;
  const exts = (cfg.extensions ?? []).map((e) => e.toLowerCase());
  return {
    tool: cfg.tool ?? 'external',
    displayName: cfg.name,
    appendOnly: false,
    discover: async (roots) => (cfg.glob ? discoverByGlob(cfg.tool ?? 'external', cfg.glob, roots) : []),
    canParse: (path) => Boolean(byGlob?.(path)) || exts.some((e) => path.toLowerCase().endsWith(e)),
    parse: (path) => neverThrow(path, () => parseWith(cfg, path)),
  };
}
