import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import type { HailEvent, Session } from '../../src/hail/session.js';
import { recomputeStats } from '../../src/hail/stats.js';
import { type Db, indexPath, openIndex } from '../../src/store/db.js';
import { indexSources } from '../../src/store/indexer.js';
import type { Sharing } from '../../src/tui/account/share-api.js';
import type { TeamServices } from '../../src/tui/account/team-api.js';
import { App } from '../../src/tui/app.js';
import { localServices } from '../../src/tui/local-services.js';
import type { TuiServices } from '../../src/tui/services.js';
import type { SettingsDeps } from '../../src/tui/settings/daemon-state.js';
import { sampleSession } from '../fixtures/sample-session.js';
import { hailDirParser } from '../support/hail-dir-parser.js';

export const NOW = new Date('2026-01-03T12:00:00Z');

/** A session with another id, title, tool and model, its events' times moved to `day` (YYYY-MM-DD). */
export function session(
  id: string,
  title: string,
  o: { tool?: string; model?: string; day?: string; events?: HailEvent[] } = {},
): Session {
  const s = sampleSession({ session_id: id });
  const events = (o.events ?? s.events).map((e) =>
    o.day ? { ...e, timestamp: e.timestamp.replace(/^\d{4}-\d{2}-\d{2}/, o.day) } : e,
  );
  return {
    ...s,
    agent: { ...s.agent, tool: o.tool ?? s.agent.tool, model: o.model ?? s.agent.model },
    context: {
      ...s.context,
      title,
      created_at: events[0]?.timestamp ?? s.context.created_at,
      updated_at: events.at(-1)?.timestamp ?? s.context.updated_at,
    },
    events,
    stats: recomputeStats(events),
  };
}

export interface TestIndex {
  db: Db;
  home: string;
  services: TuiServices;
  /** What the services sent to the terminal outside Ink's frames (OSC 52 clipboard writes). */
  terminal: string[];
  dispose: () => void;
}

/** A real local index (SQLite + archive) in a temp dir, built by the real indexer from HAIL files. */
export async function buildIndex(sessions: readonly Session[]): Promise<TestIndex> {
  const home = mkdtempSync(join(tmpdir(), 'os-tui-'));
  const dataDir = join(home, 'data');
  mkdirSync(join(home, 'hail'));
  for (const s of sessions) writeFileSync(join(home, 'hail', `${s.session_id}.hail.jsonl`), toHailJsonl(s));
  const db = openIndex(indexPath(dataDir));
  await indexSources({ db, dataDir, roots: { home, env: {} }, parsers: [hailDirParser] });
  const terminal: string[] = [];
  const services = localServices({
    db,
    cwd: home,
    terminal: { write: (s: string) => terminal.push(s) },
    env: {},
    now: () => NOW,
  });
  return {
    db,
    home,
    services,
    terminal,
    dispose: () => {
      db.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Screen {
  frame: () => string;
  /** Every frame written so far. */
  frames: () => string[];
  /** Sends keys one at a time (each a string written to stdin), letting Ink handle each. */
  press: (...keys: string[]) => Promise<void>;
  /** Waits until the frame satisfies `ok` (or contains the text), failing with the last frame. */
  waitFor: (ok: string | ((frame: string) => boolean)) => Promise<string>;
  unmount: () => void;
}

export const KEY = {
  enter: '\r',
  esc: '\u001b',
  down: '\u001b[B',
  up: '\u001b[A',
  backspace: '\u007f',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  /** SGR mouse reports of one wheel notch (what a terminal sends with mouse reporting on). */
  wheelDown: '\u001b[<65;10;5M',
  wheelUp: '\u001b[<64;10;5M',
} as const;

export function renderScreen(tree: ReactElement): Screen {
  const r = render(tree);
  const frame = () => r.lastFrame() ?? '';
  return {
    frame,
    frames: () => r.frames,
    press: async (...keys) => {
      for (const k of keys) {
        r.stdin.write(k);
        // Ink reads stdin on 'readable' and renders on the next tick; an escape waits a little
        // for a sequence that might follow it.
        await delay(k === KEY.esc ? 60 : 15);
      }
    },
    waitFor: async (ok) => {
      const test = typeof ok === 'string' ? (f: string) => f.includes(ok) : ok;
      for (let i = 0; i < 1000; i++) {
        if (test(frame())) {
          // The frame is drawn before React runs the effects that subscribe the new screen to
          // the keyboard: give them a moment so the next key reaches the screen it is meant for.
          await delay(25);
          return frame();
        }
        await delay(10);
      }
      throw new Error(
        `timed out waiting for ${typeof ok === 'string' ? JSON.stringify(ok) : 'a frame'}; last frame:\n${frame()}`,
      );
    },
    unmount: () => r.unmount(),
  };
}

export function renderApp(
  services: TuiServices,
  o: {
    columns?: number;
    rows?: number;
    env?: Record<string, string>;
    onPrint?: (l: string) => void;
    teams?: TeamServices;
    settings?: SettingsDeps;
    sharing?: Sharing;
  } = {},
): Screen {
  return renderScreen(
    <App
      services={services}
      env={o.env ?? {}}
      size={{ columns: o.columns ?? 100, rows: o.rows ?? 24 }}
      onPrint={o.onPrint}
      teams={o.teams}
      settings={o.settings}
      sharing={o.sharing}
    />,
  );
}

/** Streams standing in for a terminal, for rendering with Ink (or start.ts) directly. */
export function fakeTerminal(columns: number, rows: number) {
  let written = '';
  const frames: string[] = [];
  const stdout = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns,
    rows,
    write(chunk: string) {
      written += chunk;
      frames.push(chunk);
      return true;
    },
  });
  let pending: string | null = null;
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode() {},
    setEncoding() {},
    resume() {},
    pause() {},
    ref() {},
    unref() {},
    read: () => {
      const d = pending;
      pending = null;
      return d;
    },
  });
  return {
    stdout: stdout as typeof stdout & NodeJS.WriteStream,
    stdin: stdin as typeof stdin & NodeJS.ReadStream,
    written: () => written,
    frames,
    type: (data: string) => {
      pending = data;
      stdin.emit('readable');
    },
    resize: (c: number, r: number) => {
      stdout.columns = c;
      stdout.rows = r;
      stdout.emit('resize');
    },
  };
}
