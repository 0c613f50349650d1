import { discoverAll } from '../../parsers/discover.js';
import { TOOLS, type ToolName } from '../../parsers/types.js';
import type { CliContext } from '../context.js';
import { formatBytes, writeJson, writeLine } from '../output.js';

export interface SessionDiscoverOptions {
  tool?: ToolName;
  json: boolean;
}

/** `session discover`: where each tool keeps its sessions on this machine. Reads no session. */
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

  if (opts.json) {
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

/** The reference's `YYYY-MM-DD HH:MM:SS UTC`. */
function utcStamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
