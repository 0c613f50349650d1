import { redactText } from '../../hail/redact.js';

const SYSTEM_REMINDER = /<system-reminder>[\s\S]*?<\/system-reminder>/g;

/** Claude Code injects reminders into user turns; they are not what the user typed. */
export function stripSystemReminders(text: string): string {
  return text.includes('<system-reminder>') ? text.replace(SYSTEM_REMINDER, '').trim() : text.trim();
}

/** Trimmed inner text of the first `<tag>…</tag>`, if any. */
export function extractTagContent(text: string, tag: string): string | undefined {
  const open = `<${tag}>`;
  const s = text.indexOf(open);
  if (s === -1) return undefined;
  const e = text.indexOf(`</${tag}>`, s + open.length);
  return (e === -1 ? text.slice(s + open.length) : text.slice(s + open.length, e)).trim();
}

/**
 * A one-line title: first non-empty line, at most `max` characters (not bytes). Secrets are
 * redacted before the cut: a cut secret is too short for any detector, and titles are shown
 * everywhere (lists, exports, uploads, agents).
 */
export function titleFrom(text: string, max = 80): string | undefined {
  const first = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!first) return undefined;
  const line = redactText(first).text;
  const chars = Array.from(line);
  return chars.length > max ? `${chars.slice(0, max - 3).join('')}...` : line;
}

/** JSON.parse that returns undefined instead of throwing (tool arguments are often bad JSON). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
