import { displayWidth, truncateTo } from './text.js';
import type { Tone } from './theme.js';

// Screens build their frames as plain data (lines of styled runs): Ink draws them, and so does
// the first paint, which writes the session list before Ink has even loaded (see start.ts).

/** A run of text with one style. */
export interface Segment {
  text: string;
  tone?: Tone;
  /** A raw colour (tool colours), used when there is no tone. */
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

/** One terminal line; `inverse` highlights all of it (the cursor row, the status bar). */
export interface ScreenLine {
  segments: Segment[];
  inverse?: boolean;
}

export const BLANK: ScreenLine = { segments: [{ text: ' ' }] };

/** Pads a screen body to `height` lines. */
export function padLines(lines: ScreenLine[], height: number): ScreenLine[] {
  while (lines.length < height) lines.push(BLANK);
  return lines;
}

/** The bottom line of a screen: what is shown on the left, position and hints on the right. */
export function statusLine(left: string, right: string, width: number): ScreenLine {
  const r = truncateTo(right, Math.max(0, width - 10));
  const l = truncateTo(left, Math.max(0, width - displayWidth(r) - 1));
  const gap = ' '.repeat(Math.max(1, width - displayWidth(l) - displayWidth(r)));
  return { segments: [{ text: l, bold: true }, { text: gap }, { text: r, tone: 'muted' }], inverse: true };
}

/** A one-line text prompt with a cursor block, e.g. `/ foo█`. */
export function promptLine(label: string, value: string, active: boolean, width: number): ScreenLine {
  const shown = truncateTo(value, Math.max(1, width - displayWidth(label) - 2));
  return { segments: [{ text: label, tone: 'accent', bold: true }, { text: shown }, { text: active ? '█' : '' }] };
}

/** `text` split into plain and highlighted runs, for every case-insensitive occurrence of a term. */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  const lower = text.toLowerCase();
  const marks: [number, number][] = [];
  for (const t of terms.map((x) => x.toLowerCase()).filter(Boolean)) {
    for (let i = lower.indexOf(t); i !== -1; i = lower.indexOf(t, i + t.length)) marks.push([i, i + t.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start < at) continue;
    if (start > at) out.push({ text: text.slice(at, start) });
    out.push({ text: text.slice(start, end), tone: 'match', bold: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
