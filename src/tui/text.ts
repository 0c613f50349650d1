import { stripTerminalEscapes } from '../hail/terminal-safe.js';

// Every string taken from a session passes through `clean` before it is measured or drawn:
// session content is untrusted and may carry escapes that would rewrite the user's terminal.
// Widths are measured here (not by Ink) because the screens virtualize: they must know how
// many terminal lines a text takes before deciding which lines to draw.

/** Escape sequences and control characters removed; tabs become spaces (their width is unknowable). */
export function clean(text: string): string {
  return stripTerminalEscapes(text).replace(/\r\n?/g, '\n').replace(/\t/g, '  ');
}

/** `clean`, on one line with runs of whitespace collapsed. */
export function cleanLine(text: string): string {
  return clean(text).replace(/\s+/g, ' ').trim();
}

// East Asian wide and fullwidth ranges, and emoji: two columns in every common terminal.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
// Combining marks, variation selectors and joiners take no column of their own.
const ZERO = /[\p{Mn}\p{Me}\u200b-\u200f]/u;

export function charWidth(ch: string): number {
  if (ZERO.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** Cut to at most `width` columns, ending in `…` when something was cut. */
export function truncateTo(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Exactly `width` columns: cut with `…`, or padded with spaces (on the left when `align` is right). */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncateTo(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'right' ? pad + cut : cut + pad;
}

/** Splits one paragraph into lines of at most `width` columns, at spaces where it can. */
function wrapParagraph(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  let lastSpace = -1;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width) {
      // Break at the last space when there is one, else hard-break the word.
      if (lastSpace > 0) {
        lines.push(line.slice(0, lastSpace).trimEnd());
        line = line.slice(lastSpace + 1);
      } else {
        lines.push(line);
        line = '';
      }
      w = displayWidth(line);
      lastSpace = -1;
    }
    if (ch === ' ') lastSpace = line.length;
    line += ch;
    w += cw;
  }
  lines.push(line.trimEnd());
  return lines;
}

/** Lines of at most `width` columns; newlines in `text` are kept as line breaks. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  return text.split('\n').flatMap((p) => (p === '' ? [''] : wrapParagraph(p, w)));
}
