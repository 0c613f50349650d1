import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api-client.js';
import { CLI_COMMAND, REPO_ROOT, runCli } from '../cli/run-cli.js';
import { corpusHome, MIXED_HOME } from '../support/corpus-home.js';
import { startTestServer } from '../support/server-harness.js';

// The real CLI in a real terminal: tmux runs `opensession ui` on an index built from the
// corpus; keys go in with send-keys, the screen comes out with capture-pane.

const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `opensession-tui-e2e-${process.pid}`;

let home: string;

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const pane = () => tmux('capture-pane', '-p', '-t', 'ui');
// After the UI exits, what it printed may have scrolled above the visible screen.
const paneWithHistory = () => tmux('capture-pane', '-p', '-S', '-50', '-t', 'ui');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'ui', ...k);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the screen until `ok`; a slow start under load only makes this wait longer. */
async function screenWith(ok: string | RegExp | ((s: string) => boolean), capture = pane): Promise<string> {
  const test = typeof ok === 'function' ? ok : (s: string) => (typeof ok === 'string' ? s.includes(ok) : ok.test(s));
  let last = '';
  for (let i = 0; i < 600; i++) {
    last = capture();
    if (test(last)) return last;
    await sleep(50);
  }
  throw new Error(`screen never showed ${String(ok)}; last screen:\n${last}`);
}

beforeAll(async () => {
  home = corpusHome('os-tui-e2e-', MIXED_HOME);
  const indexed = await runCli(['session', 'index', '--json'], { home });
  expect(indexed.code).toBe(0);
});

afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  rmSync(home, { recursive: true, force: true });
});

/** Starts `opensession ui` in a tmux session named ui; its exit code lands in the returned file. */
function launch(exitName: string): string {
  const exitFile = join(home, exitName);
  const env = [
    `HOME=${home}`,
    `XDG_CONFIG_HOME=${join(home, '.config')}`,
    `XDG_DATA_HOME=${join(home, '.local', 'share')}`,
    'TZ=UTC',
    'TERM=xterm-256color',
    `PATH=${process.env.PATH ?? '/usr/bin:/bin'}`,
  ].join(' ');
  // The shell stays: tmux reports a dead pane's cursor as hidden whatever was written to it.
  const command = `cd ${JSON.stringify(REPO_ROOT)} && env -i ${env} ${CLI_COMMAND} ui; echo "exit=$?" > ${exitFile}; sleep 3600`;
  // One failed test must not leave its session behind to fail the next one.
  spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', 'ui']);
  tmux('new-session', '-d', '-s', 'ui', '-x', '100', '-y', '30', command);
  return exitFile;
}

describe.skipIf(!HAS_TMUX)('opensession ui in tmux', () => {
  it('opens, searches, opens a session at the match, scrolls, goes back and quits', async () => {
    const exitFile = launch('ui-exit');

    let screen = await screenWith(/\d+ sessions/);
    expect(screen).toMatch(/TOOL\s+TIME\s+TITLE\s+MODEL\s+EVENTS\s+TOKENS/);
    expect(screen).toMatch(/^codex\s+Apr 07\s+/m);
    expect(screen).toMatch(/^claude-code /m);
    expect(screen).toMatch(/^gemini /m);

    keys('/');
    await screenWith('/ █');
    keys('-l', 'bun');
    screen = await screenWith('matching messages for “bun”');
    expect(screen).toMatch(/^codex .*AgentMessage$/m);
    expect(screen).toMatch(/↳ .*bun/i);

    keys('Enter');
    await screenWith(/\/ bun\s*\n/);
    keys('Enter');
    screen = await screenWith(/event \d+\/\d+ · line \d+\/\d+/);
    expect(screen).toMatch(/^codex · gpt-5\.4 · 2026-04-07/m);
    expect(screen.toLowerCase()).toContain('bun');
    const lineOf = (s: string) => Number(/ · line (\d+)\//.exec(s)?.[1]);

    keys('g');
    screen = await screenWith(/event 1\/\d+ · line 1\//);
    // Codex starts with injected instructions: folded, so the first user turn is close by.
    expect(screen).toMatch(/^\d\d:\d\d:\d\d ▸ SYSTEM /m);
    keys(']');
    screen = await screenWith((s) => lineOf(s) > 1);
    const turn = lineOf(screen);
    expect(screen).toMatch(/^\d\d:\d\d:\d\d ▾ USER\s*\n {4}\S/m);
    keys('PageDown');
    screen = await screenWith((s) => lineOf(s) > turn);
    keys('k');
    await screenWith((s) => lineOf(s) === lineOf(screen) - 1);

    keys('q');
    screen = await screenWith('matching messages for “bun”');
    keys('Escape');
    await screenWith(/\d+ sessions/);
    await sleep(300);
    keys('q');
    for (let i = 0; i < 200 && !existsSync(exitFile); i++) await sleep(50);
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('exit=0');
  });

  it('edits daemon.toml in the config dir from Settings, and Teams says how to add an account', async () => {
    const exitFile = launch('ui-exit-settings');
    await screenWith(/\d+ sessions/);
    keys('4');
    let screen = await screenWith('daemon.auto_publish');
    const file = join(home, '.config', 'opensession', 'daemon.toml');
    expect(screen).toContain(file);
    expect(screen).toContain('daemon not running');
    keys('Enter');
    await screenWith('saved daemon.auto_publish = true');
    expect(readFileSync(file, 'utf8')).toContain('auto_publish = true');
    keys('3');
    screen = await screenWith('No server account configured.');
    expect(screen).toContain('opensession account config --server URL --api-key osk_');
    await sleep(300);
    keys('q');
    for (let i = 0; i < 200 && !existsSync(exitFile); i++) await sleep(50);
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('exit=0');
  });

  it('leaves the terminal as it found it when killed (SIGTERM, SIGHUP)', async () => {
    for (const [signal, code] of [
      ['TERM', 143],
      ['HUP', 129],
    ] as const) {
      const exitFile = launch(`ui-exit-${signal}`);
      const modes = () => tmux('display', '-p', '-t', 'ui', '#{alternate_on}#{cursor_flag}#{mouse_any_flag}').trim();
      await screenWith(/\d+ sessions/);
      expect(modes()).toBe('101');
      const shell = tmux('display', '-p', '-t', 'ui', '#{pane_pid}').trim();
      const ui = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim();
      execFileSync('kill', [`-${signal}`, ui]);
      for (let i = 0; i < 200 && !existsSync(exitFile); i++) await sleep(50);
      expect(readFileSync(exitFile, 'utf8').trim()).toBe(`exit=${code}`);
      for (let i = 0; i < 100 && modes() !== '010'; i++) await sleep(50);
      // Out of the alternate screen, cursor shown, mouse reports off.
      expect(modes()).toBe('010');
      tmux('kill-session', '-t', 'ui');
    }
  }, 120_000);

  // Last: it configures an account in the shared home.
  it('scrolls with the wheel and uploads the open session to the configured server; the mouse is off after', async () => {
    const server = await startTestServer('sqlite');
    try {
      const registered = await fetch(`${server.url}/api/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ nickname: 'e2e' }),
      });
      const apiKey = ((await registered.json()) as { api_key: string }).api_key;
      const configured = await runCli(['account', 'config', '--server', server.url, '--api-key', apiKey], { home });
      expect(configured.code).toBe(0);

      const exitFile = launch('ui-exit-upload');
      const mouseFlags = () => tmux('display', '-p', '-t', 'ui', '#{mouse_standard_flag}#{mouse_sgr_flag}').trim();
      await screenWith(/\d+ sessions/);
      expect(mouseFlags()).toBe('11');

      keys('Enter');
      await screenWith(/event \d+\/\d+ · line 1\//);
      keys('-l', '\u001b[<65;10;5M');
      await screenWith(/ · line 4\//);

      keys('u');
      let screen = await screenWith('y send');
      expect(screen).toMatch(/upload to http:\/\/127\.0\.0\.1:\d+\? (\d+ secrets? redacted|no secrets found)/);
      keys('y');
      screen = await screenWith('link copied');
      const page = /uploaded (\S+) · link copied/.exec(screen)?.[1];
      const listed = await new ApiClient({ baseUrl: server.url, apiKey }).syncPull();
      expect(listed.sessions).toHaveLength(1);
      expect(page).toBe(`${server.url}/session/${listed.sessions[0]!.id}`);

      keys('q');
      await screenWith(/\d+ sessions/);
      await sleep(300);
      keys('q');
      for (let i = 0; i < 200 && !existsSync(exitFile); i++) await sleep(50);
      expect(readFileSync(exitFile, 'utf8').trim()).toBe('exit=0');
      // tmux reads the pane's last output on its own time, possibly after the exit file is written.
      await screenWith(page as string, paneWithHistory);
      for (let i = 0; i < 100 && mouseFlags() !== '00'; i++) await sleep(50);
      expect(mouseFlags()).toBe('00');
    } finally {
      await server.close();
    }
  }, 120_000);
});
