import { type ExportFormat, exportSession } from '../../hail/export.js';
import type { CliContext } from '../context.js';
import { writeOutput } from '../output.js';
import { loadSessionRef } from '../session-ref.js';

export interface SessionExportOptions {
  ref: string;
  format: ExportFormat;
  output?: string;
  redact: boolean;
  tool?: string;
  dataDir?: string;
}

/** `session export`: a session as Markdown, self-contained HTML or HAIL, secrets redacted unless --no-redact. */
export async function handleSessionExport(opts: SessionExportOptions, ctx: CliContext): Promise<void> {
  const session = await loadSessionRef(opts.ref, opts, ctx);
  const { text, findings } = exportSession(session, opts.format, { redact: opts.redact });
  await writeOutput(text, opts.output, ctx);
  if (findings.length > 0) {
    const kinds = [...new Set(findings.map((f) => f.kind))].join(', ');
    ctx.stderr.write(`redacted ${findings.length} secret(s) (${kinds}); pass --no-redact to keep them\n`);
  }
}
