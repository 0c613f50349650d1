import { stripTerminalEscapes } from '../hail/terminal-safe.js';
import type { ScreenLine, Segment } from './segments.js';
import type { Theme } from './theme.js';

// Screen lines as terminal text without Ink, for the first paint. Only the 16 named colours
// the theme uses, as SGR codes: the same codes Ink's chalk writes for them.

const FG: Record<string, number> = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
  grey: 90,
  redBright: 91,
  greenBright: 92,
  yellowBright: 93,
  blueBright: 94,
  magentaBright: 95,
  cyanBright: 96,
  whiteBright: 97,
};

function segmentText(s: Segment, theme: Theme, lineInverse: boolean): string {
  const codes: number[] = [];
  const color = s.tone ? theme.tone(s.tone) : theme.colors ? s.color : undefined;
  const fg = color === undefined ? undefined : FG[color];
  if (fg !== undefined) codes.push(fg);
  if (s.bold) codes.push(1);
  if (s.dim) codes.push(2);
  if (s.inverse || lineInverse) codes.push(7);
  const text = stripTerminalEscapes(s.text).replace(/[\n\t]/g, ' ');
  return codes.length ? `\u001b[${codes.join(';')}m${text}\u001b[0m` : text;
}

export function ansiLine(line: ScreenLine, theme: Theme): string {
  return line.segments.map((s) => segmentText(s, theme, line.inverse === true)).join('');
}
