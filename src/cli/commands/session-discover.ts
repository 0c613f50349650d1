import { discoverAll } from '../../parsers/discover.js';
import { loadParser } from '../../parsers/registry.js';
import { type DiscoveredSource, TOOLS, type ToolName } from '../../parsers/types.js';
import type { CliContext } from '../context.js';
import { formatBytes, writeJson, writeLine } from '../output.js';

export interface SessionDiscoverOptions {
  tool?: ToolName;
  json: boolean;
  /** Only list the files found (the old fast listing): reads no session. */
  files?: boolean;
}

/** One session read from a discovered source. */
interface FoundSession {
  tool: ToolName;
  path: string;
  id: string;
  title: string | null;
  model: string;
  started: string;
  events: number;
  size: number;
}

type SourceOutcome =
  | { status: 'parsed'; sessions: FoundSession[] }
  | { status: 'empty' }
  | { status: 'failed'; reason: string };

interface ToolSummary {
  found: number;
  parsed: number;
  empty: number;
  failed: number;
  sessions: number;
}

/** Width the text listing aims for. */
const WIDTH = 100;
/** Parses run this many at a time; results keep discovery order. */
const CONCURRENCY = 8;

/** `session discover`: every session each tool keeps on this machine, parsed, with a summary per tool. */
export async function handleSessionDiscover(opts: SessionDiscoverOptions, ctx: CliContext): Promise<void> {
  const { sources, warnings } = await discoverAll(
    { home: ctx.home, env: ctx.env, platform: process.platform },
    opts.tool ? { tools: [opts.tool] } : {},
  );
  for (const w of warnings) ctx.stderr.write(`opensession: ${w.file}: ${w.reason}\n`);

  // Tools in their canonical order, newest file first within a tool.
  const sorted = [...sources].sort(
    (a, b) => TOOLS.indexOf(a.tool) - TOOLS.indexOf(b.tool) || b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path),
  );
  const tools = [...new Set(sorted.map((s) => s.tool))];

  if (opts.files) {
    listFiles(sorted, tools, opts.json, ctx);
    return;
  }

  const outcomes = await parseAll(sorted, ctx);
  const summary = new Map<ToolName, ToolSummary>();
  for (const tool of tools) summary.set(tool, { found: 0, parsed: 0, empty: 0, failed: 0, sessions: 0 });
  for (const [i, src] of sorted.entries()) {
    const s = summary.get(src.tool) as ToolSummary;
    const o = outcomes[i] as SourceOutcome;
    s.found++;
    if (o.status === 'parsed') {
      s.parsed++;
      s.sessions += o.sessions.length;
    } else if (o.status === 'empty') s.empty++;
    else s.failed++;
  }

  if (opts.json) {
    const sessions: FoundSession[] = [];
    const failures: Array<{ tool: ToolName; path: string; reason: string }> = [];
    for (const [i, src] of sorted.entries()) {
      const o = outcomes[i] as SourceOutcome;
      if (o.status === 'parsed') sessions.push(...o.sessions);
      else if (o.status === 'failed') failures.push({ tool: src.tool, path: src.path, reason: o.reason });
    }
    writeJson(ctx.stdout, { tools: Object.fromEntries(summary), sessions, failures });
    return;
  }

  for (const tool of tools) {
    const s = summary.get(tool) as ToolSummary;
    writeLine(ctx.stdout, `[${tool}] ${s.found} session file(s), ${s.sessions} session(s)`);
    for (const [i, src] of sorted.entries()) {
      if (src.tool !== tool) continue;
      const o = outcomes[i] as SourceOutcome;
      const where = `    ${src.path} (${formatBytes(src.size)})`;
      if (o.status === 'parsed') {
        for (const session of o.sessions) writeLine(ctx.stdout, sessionLine(session));
      } else if (o.status === 'empty') {
        writeLine(ctx.stdout, '  (empty)');
      } else {
        writeLine(ctx.stdout, `  failed: ${truncate(o.reason, WIDTH - 10)}`);
      }
      writeLine(ctx.stdout, where);
    }
    writeLine(ctx.stdout);
  }
  if (tools.length > 0) writeSummaryTable(summary, ctx);
  writeLine(ctx.stdout, `Total: ${tools.length} tool(s), ${sorted.length} session file(s)`);
}

/** The old listing: files only, nothing parsed. */
function listFiles(sorted: DiscoveredSource[], tools: ToolName[], json: boolean, ctx: CliContext): void {
  if (json) {
    writeJson(ctx.stdout, {
      sources: sorted.map((s) => ({
        tool: s.tool,
        path: s.path,
        size: s.size,
        mtime: new Date(s.mtimeMs).toISOString(),
      })),
      total_tools: tools.length,
      total_files: sorted.length,
    });
    return;
  }
  for (const tool of tools) {
    const files = sorted.filter((s) => s.tool === tool);
    writeLine(ctx.stdout, `[${tool}] ${files.length} session file(s)`);
    for (const f of files) writeLine(ctx.stdout, `  ${f.path} (${formatBytes(f.size)}, ${utcStamp(f.mtimeMs)})`);
  }
  writeLine(ctx.stdout, `Total: ${tools.length} tool(s), ${sorted.length} session file(s)`);
}

/** Parses every source (a few at a time), with a "parsing N/M files" line on a terminal. */
async function parseAll(sources: DiscoveredSource[], ctx: CliContext): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = new Array(sources.length);
  const progress = ctx.stderr.isTTY === true && sources.length > 0;
  let done = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sources.length) {
      const i = next++;
      outcomes[i] = await parseSource(sources[i] as DiscoveredSource);
      done++;
      if (progress) ctx.stderr.write(`\rparsing ${done}/${sources.length} files`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, sources.length) }, worker));
  if (progress) ctx.stderr.write('\r\x1b[K');
  return outcomes;
}

async function parseSource(src: DiscoveredSource): Promise<SourceOutcome> {
  try {
    const parser = await loadParser(src.tool);
    if (!parser) return { status: 'failed', reason: `no parser for ${src.tool}` };
    const { sessions, warnings } = await parser.parse(src.path);
    if (sessions.length > 0) {
      return {
        status: 'parsed',
        sessions: sessions.map((s) => ({
          tool: src.tool,
          path: src.path,
          id: s.session_id,
          title: s.context.title ?? null,
          model: s.agent.model,
          started: s.context.created_at,
          events: s.stats.event_count,
          size: src.size,
        })),
      };
    }
    const problem = warnings.find((w) => w.kind !== 'empty');
    return problem ? { status: 'failed', reason: problem.reason } : { status: 'empty' };
  } catch (e) {
    return { status: 'failed', reason: (e as Error).message };
  }
}

/** `  <id12>  YYYY-MM-DD HH:MM UTC  <model>  <n> ev  <title>`, the title cut to fit the width. */
function sessionLine(s: FoundSession): string {
  const head = `  ${s.id.slice(0, 12).padEnd(12)}  ${minuteStamp(s.started)}  ${s.model}  ${s.events} ev`;
  const room = WIDTH - head.length - 2;
  if (!s.title || room < 4) return head;
  return `${head}  ${truncate(oneLine(s.title), room)}`;
}

function writeSummaryTable(summary: Map<ToolName, ToolSummary>, ctx: CliContext): void {
  const cols = ['found', 'parsed', 'empty', 'failed', 'sessions'] as const;
  const total: ToolSummary = { found: 0, parsed: 0, empty: 0, failed: 0, sessions: 0 };
  for (const s of summary.values()) for (const c of cols) total[c] += s[c];
  const rows: Array<[string, ToolSummary]> = [...summary.entries(), ['total', total]];
  const nameWidth = Math.max(4, ...rows.map(([name]) => name.length));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map(([, s]) => String(s[c]).length)));
  const row = (name: string, cells: string[]): string =>
    `${name.padEnd(nameWidth)}  ${cells.map((c, i) => c.padStart(widths[i] as number)).join('  ')}`.trimEnd();
  writeLine(ctx.stdout, row('tool', [...cols]));
  for (const [name, s] of rows)
    writeLine(
      ctx.stdout,
      row(
        name,
        cols.map((c) => String(s[c])),
      ),
    );
  writeLine(ctx.stdout);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `YYYY-MM-DD HH:MM UTC`, or the raw value when it is not a date. */
function minuteStamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The reference's `YYYY-MM-DD HH:MM:SS UTC`. */
function utcStamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
