import type { Session } from '../../../src/hail/session.js';

// Redaction rules and renderers are large: they load only when someone exports.

/** The session as Markdown or self-contained HTML, secrets redacted. */
export async function exportText(
  session: Session,
  format: 'md' | 'html',
): Promise<{ text: string; extension: string }> {
  const { exportSession } = await import('../../../src/hail/export.js');
  const r = exportSession(session, format);
  return { text: r.text, extension: r.extension };
}

/** A briefing for the next agent, as Markdown. */
export async function handoffMarkdown(session: Session): Promise<string> {
  const { buildHandoff, renderHandoffMarkdown } = await import('../../../src/hail/handoff.js');
  return renderHandoffMarkdown(buildHandoff(session));
}
