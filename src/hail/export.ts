import { renderSessionHtml } from './export-html.js';
import { toHailJsonl } from './jsonl-write.js';
import { type Finding, redactSession } from './redact.js';
import type { Session } from './session.js';
import { renderTranscriptMarkdown } from './transcript.js';

export const EXPORT_FORMATS = ['md', 'html', 'hail'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** Replace secrets with `[REDACTED:<kind>]` first (default true: an export is meant to be shared). */
  redact?: boolean;
}

export interface ExportResult {
  text: string;
  /** What redaction replaced; empty when redaction was off. */
  findings: Finding[];
  /** File name extension for the format, without the dot. */
  extension: string;
}

const RENDER: Record<ExportFormat, { render: (s: Session) => string; extension: string }> = {
  md: { render: renderTranscriptMarkdown, extension: 'md' },
  html: { render: renderSessionHtml, extension: 'html' },
  hail: { render: toHailJsonl, extension: 'hail.jsonl' },
};

/** A session rendered for sharing, redacted unless told otherwise. */
export function exportSession(session: Session, format: ExportFormat, opts: ExportOptions = {}): ExportResult {
  const { session: out, findings } = opts.redact === false ? { session, findings: [] } : redactSession(session);
  const { render, extension } = RENDER[format];
  return { text: render(out), findings, extension };
}
