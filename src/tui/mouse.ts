// xterm mouse reporting, SGR encoding (mode 1006): the terminal reports a button as
// `ESC [ < button ; column ; row M` (press) or `… m` (release). The UI only wants the wheel; the
// other reports are swallowed so they never reach a prompt as typed text.

/** Report presses (1000) in the SGR encoding (1006). */
export const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
export const MOUSE_OFF = '\u001b[?1006l\u001b[?1000l';

export type MouseReport = { kind: 'wheel'; direction: 'up' | 'down'; column: number; row: number } | { kind: 'other' };

// Ink strips the leading ESC before handing input over; accept the report with or without it.
const SGR_REPORT = /^\u001b?\[<(\d+);(\d+);(\d+)([Mm])$/;

// Button bits: 64 = wheel, low two bits = which wheel button; 4/8/16 = shift/meta/ctrl held.
const MODIFIERS = 4 | 8 | 16;
const WHEEL: Record<number, 'up' | 'down'> = { 64: 'up', 65: 'down' };

/** The mouse report `input` is, or undefined when it is not one. Horizontal wheels and clicks are 'other'. */
export function parseMouse(input: string): MouseReport | undefined {
  const m = SGR_REPORT.exec(input);
  if (!m) return undefined;
  const direction = m[4] === 'M' ? WHEEL[Number(m[1]) & ~MODIFIERS] : undefined;
  if (!direction) return { kind: 'other' };
  return { kind: 'wheel', direction, column: Number(m[2]), row: Number(m[3]) };
}

/** Lines one wheel notch scrolls. */
export const WHEEL_LINES = 3;

/**
 * Whether to turn reporting on: only on a terminal, and not when the user opted out (while it
 * is on, selecting text with the mouse needs Shift in most terminals).
 */
export function wantsMouse(env: Readonly<Record<string, string | undefined>>, tty: boolean): boolean {
  const optOut = env.OPENSESSION_NO_MOUSE;
  return tty && (optOut === undefined || optOut === '' || optOut === '0');
}
