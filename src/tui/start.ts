import type { Sharing } from './account/share-api.js';
import type { TeamServices } from './account/team-api.js';
import { firstFrame } from './first-frame.js';
import { MOUSE_OFF, MOUSE_ON, wantsMouse } from './mouse.js';
import type { TuiServices } from './services.js';
import type { SettingsDeps } from './settings/daemon-state.js';

export interface StartTuiOptions {
  services: TuiServices;
  env: Readonly<Record<string, string | undefined>>;
  /** The server account's team calls (none without an account). */
  teams?: TeamServices;
  settings?: SettingsDeps;
  /** Uploads from the session detail (none without a server). */
  sharing?: Sharing;
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
  const mouse = wantsMouse(o.env, Boolean(stdin.isTTY && stdout.isTTY));
  // Left on, the mouse would keep the shell receiving reports as typed garbage: turned off on
  // every way out, including a process.exit() elsewhere while the UI is up.
  const restore = () => stdout.write((mouse ? MOUSE_OFF : '') + SHOW_CURSOR + LEAVE_ALT_SCREEN);
  let unmountInk: (() => void) | undefined;
  // Ink first: left to its own exit hook it would draw a frame over the restored terminal.
  const leave = () => {
    unmountInk?.();
    restore();
  };
  const frame = firstFrame(o.services, o.env, size);
  // A kill must not leave the terminal in the alternate screen with the mouse on: exiting runs
  // `leave` through the exit hook.
  const onSignal = (signal: NodeJS.Signals) => process.exit(signal === 'SIGHUP' ? 129 : 143);
  process.once('exit', leave);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + (mouse ? MOUSE_ON : '') + frame);
  o.onFirstPaint?.();
  try {
    const { runTui } = await importInteractive();
    return await runTui({ ...o, stdin, stdout, replaceScreen: true, onUnmount: (u) => (unmountInk = u) });
  } finally {
    process.off('exit', leave);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    if (stdin.isTTY) stdin.setRawMode(false);
    restore();
  }
}

/**
 * Loads Ink as a terminal UI whatever the shell exports: Ink decides once, when it is first
 * imported, that `CI` (or `CONTINUOUS_INTEGRATION`) means a log and then draws only the last
 * frame, so a user whose shell sets CI=true would see a frozen screen.
 */
async function importInteractive(): Promise<typeof import('./run.js')> {
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  process.env.CI = 'false';
  process.env.CONTINUOUS_INTEGRATION = 'false';
  try {
    return await import('./run.js');
  } finally {
    for (const [key, value] of Object.entries(saved))
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  }
}
