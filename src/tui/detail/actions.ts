import { type ExportFormat, exportSession } from '../../hail/export.js';
import { buildHandoff, renderHandoffMarkdown } from '../../hail/handoff.js';
import { redactSession } from '../../hail/redact.js';
import type { Session } from '../../hail/session.js';
import { type SendablePlan, type ShareServices, uploadErrorText } from '../account/share-api.js';
import type { TuiServices } from '../services.js';
import { cleanLine } from '../text.js';

// The detail screen's actions. Each returns the one line the status bar shows; failures come
// back as a line too (a TUI must not die because a directory is read-only).

/** A file name part from an untrusted id: no separators, no dots at the start, short. */
export function fileStem(sessionId: string): string {
  return sessionId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 12) || 'session';
}

const failed = (what: string, e: unknown) => `${what} failed: ${cleanLine(e instanceof Error ? e.message : String(e))}`;

/** The handoff briefing, secrets redacted: it is meant to be pasted to another agent. */
export function handoffText(session: Session): { text: string; redacted: number } {
  const { session: safe, findings } = redactSession(session);
  return { text: renderHandoffMarkdown(buildHandoff(safe)), redacted: findings.length };
}

const redactedNote = (n: number) => (n ? ` (${n} secret${n === 1 ? '' : 's'} redacted)` : '');

export function copyHandoff(session: Session, services: TuiServices): string {
  try {
    const { text, redacted } = handoffText(session);
    services.copy(text);
    return `handoff copied to the clipboard (OSC 52)${redactedNote(redacted)} · H writes it to a file`;
  } catch (e) {
    return failed('handoff', e);
  }
}

export async function saveHandoff(session: Session, services: TuiServices): Promise<string> {
  try {
    const { text, redacted } = handoffText(session);
    const path = await services.saveFile(`handoff-${fileStem(session.session_id)}.md`, text);
    return `handoff written to ${path}${redactedNote(redacted)}`;
  } catch (e) {
    return failed('handoff', e);
  }
}

export const EXPORT_KEYS: Record<string, ExportFormat> = { m: 'md', h: 'html', j: 'hail' };

export async function saveExport(session: Session, format: ExportFormat, services: TuiServices): Promise<string> {
  try {
    const { text, findings, extension } = exportSession(session, format);
    const path = await services.saveFile(`${fileStem(session.session_id)}.${extension}`, text);
    return `exported to ${path}${redactedNote(findings.length)}`;
  } catch (e) {
    return failed('export', e);
  }
}

/** The confirm prompt's question: where the session goes and what was redacted on the way. */
export function uploadQuestion(plan: SendablePlan, share: ShareServices): string {
  const n = plan.findings.length;
  const team = share.target.teamId ? ` (team ${cleanLine(share.target.teamId)})` : '';
  const secrets = n ? `${n} secret${n === 1 ? '' : 's'} redacted` : 'no secrets found';
  return `upload to ${cleanLine(share.target.url)}${team}? ${secrets}`;
}

/** Sends a confirmed upload; on success the session's page is copied to the clipboard. */
export async function upload(
  plan: SendablePlan,
  share: ShareServices,
  services: TuiServices,
): Promise<{ text: string; page?: string }> {
  try {
    const { page, created } = await share.upload(plan);
    const link = cleanLine(page);
    services.copy(link);
    // The link first: a narrow status line cuts the end.
    return { text: `${created ? 'uploaded' : 'updated'} ${link} · link copied`, page: link };
  } catch (e) {
    return { text: `upload failed: ${cleanLine(uploadErrorText(e))}` };
  }
}
