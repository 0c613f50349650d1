import { render } from 'ink';
import type { Sharing } from './account/share-api.js';
import type { TeamServices } from './account/team-api.js';
import { App } from './app.js';
import type { TuiServices } from './services.js';
import type { SettingsDeps } from './settings/daemon-state.js';

export interface RunTuiOptions {
  services: TuiServices;
  env: Readonly<Record<string, string | undefined>>;
  /** The server account's team calls (none without an account). */
  teams?: TeamServices;
  settings?: SettingsDeps;
  /** Uploads from the session detail (none without a server). */
  sharing?: Sharing;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Clear what is on the screen (the first paint) in the same write burst as Ink's first frame. */
  replaceScreen?: boolean;
  onInteractive?: () => void;
  /**
   * Given Ink's unmount as soon as it renders. Ink also unmounts on process exit, but only
   * after every 'exit' listener: a frame still pending would be drawn over the terminal just
   * restored. Whoever restores it calls this first.
   */
  onUnmount?: (unmount: () => void) => void;
  /** Route console output around the frames (default true; off where console cannot be patched, e.g. under a test runner). */
  patchConsole?: boolean;
}

// Synchronized output: terminals that support it show the clear and the new frame at once.
const BEGIN_SYNC = '\u001b[?2026h';
const END_SYNC = '\u001b[?2026l';
const CLEAR = '\u001b[H\u001b[J';

/** Ink's part of the UI (see start.ts): renders the app until the user quits. */
export async function runTui(o: RunTuiOptions): Promise<string[]> {
  const stdout = o.stdout ?? process.stdout;
  const printed: string[] = [];
  let first = true;
  if (o.replaceScreen) stdout.write(BEGIN_SYNC + CLEAR);
  const instance = render(
    <App
      services={o.services}
      env={o.env}
      teams={o.teams}
      settings={o.settings}
      sharing={o.sharing}
      onPrint={(l) => printed.push(l)}
    />,
    {
      stdout,
      stdin: o.stdin ?? process.stdin,
      exitOnCtrlC: true,
      patchConsole: o.patchConsole ?? true,
      onRender: () => {
        if (!first) return;
        first = false;
        o.onInteractive?.();
      },
    },
  );
  if (o.replaceScreen) stdout.write(END_SYNC);
  o.onUnmount?.(() => instance.unmount());
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
  }
  return printed;
}
