import type { TeamServices } from './account/team-api.js';
import { firstFrame } from './first-frame.js';
import type { TuiServices } from './services.js';
import type { SettingsDeps } from './settings/daemon-state.js';

export interface StartTuiOptions {
  services: TuiServices;
  env: Readonly<Record<string, string | undefined>>;
  /** The server account's team calls (none without an account). */
  teams?: TeamServices;
  settings?: SettingsDeps;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** The session list is on the terminal (before Ink has loaded). */
  onFirstPaint?: () => void;
  /** Ink has drawn its first frame: keys are handled from here on (typed earlier, they wait in stdin). */
  onInteractive?: () => void;
  patchConsole?: boolean;
}

// The alternate screen keeps the user's scrollback as it was: on exit the shell reappears
// unchanged, like less or vim.
const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

/**
 * Runs the terminal UI until the user quits; returns the lines asked to be printed afterwards.
 * Loading Ink and React takes longer than reading a page of the index (about half a second
 * cold, most of it in Ink's dependencies), so the session list is painted first as plain text
 * and Ink takes the screen over once loaded. This module must not import Ink.
 */
export async function startTui(o: StartTuiOptions): Promise<string[]> {
  const stdout = o.stdout ?? process.stdout;
  const stdin = o.stdin ?? process.stdin;
  const size = { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  // Raw mode now, not when Ink attaches: keys typed while it loads must wait unechoed, not
  // print over the list.
  if (stdin.isTTY) stdin.setRawMode(true);
  stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + firstFrame(o.services, o.env, size));
  o.onFirstPaint?.();
  try {
    const { runTui } = await import('./run.js');
    return await runTui({ ...o, stdin, stdout, replaceScreen: true });
  } finally {
    if (stdin.isTTY) stdin.setRawMode(false);
    stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  }
}
