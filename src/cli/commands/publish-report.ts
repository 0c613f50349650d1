import type { Finding } from '../../hail/redact.js';
import { stripTerminalEscapes } from '../../hail/terminal-safe.js';
import type { OutStream } from '../context.js';
import { type Colors, writeLine } from '../output.js';

// How publish commands print a session and its redaction findings. Titles come from session
// content (untrusted): escapes are stripped before they reach the terminal.

export type PublishStatus = 'created' | 'updated' | 'unchanged' | 'excluded' | 'would_upload' | 'failed';

export interface PublishLine {
  session_id: string;
  tool: string;
  title: string | null;
  events: number;
  status: PublishStatus;
  url?: string;
  reason?: string;
  findings: Finding[];
}

const LABEL: Record<PublishStatus, string> = {
  created: 'uploaded',
  updated: 'updated',
  unchanged: 'unchanged',
  excluded: 'excluded',
  would_upload: 'would upload',
  failed: 'failed',
};

const shortTitle = (t: string | null) => {
  const one = stripTerminalEscapes(t ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return one.length > 60 ? `${one.slice(0, 59)}…` : one || '(untitled)';
};

export function writePublishLine(out: OutStream, c: Colors, line: PublishLine, details: boolean): void {
  const status = line.status === 'failed' ? c.red(LABEL[line.status]) : c.bold(LABEL[line.status]);
  const tail = line.url ?? line.reason ?? '';
  writeLine(
    out,
    `${status}  ${line.tool}  ${line.session_id}  ${shortTitle(line.title)}  ${line.events} events${tail ? `  ${tail}` : ''}`,
  );
  if (line.findings.length > 0) writeFindings(out, c, line.findings, details ? 20 : 0);
}

/** `redacted 3 secrets: aws-access-key ×2, password ×1`, then up to `max` findings in detail. */
export function writeFindings(out: OutStream, c: Colors, findings: readonly Finding[], max: number): void {
  const byKind = new Map<string, number>();
  for (const f of findings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([k, n]) => `${k} ×${n}`).join(', ');
  writeLine(out, `  ${c.yellow(`redacted ${findings.length} secret(s)`)}: ${kinds}`);
  for (const f of findings.slice(0, max)) {
    const where = `${f.event_id ? `event ${stripTerminalEscapes(f.event_id)} ` : ''}${f.field}`;
    writeLine(out, `    ${f.kind}  ${where}  ${f.preview}  (${f.confidence})`);
  }
  if (max > 0 && findings.length > max) writeLine(out, `    … and ${findings.length - max} more`);
}
