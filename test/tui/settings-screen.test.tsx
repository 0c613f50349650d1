import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDaemonConfig, watchedTools } from '../../src/daemon/config.js';
import { daemonFiles } from '../../src/daemon/daemon-files.js';
import type { SettingsDeps } from '../../src/tui/settings/daemon-state.js';
import { fieldName, settingFields } from '../../src/tui/settings/settings-fields.js';
import { buildIndex, KEY, renderApp, type Screen, session, type TestIndex } from './tui-fixture.js';

let idx: TestIndex;
beforeAll(async () => {
  idx = await buildIndex([session('s1', 'Fix auth', { day: '2026-01-01' })]);
});
afterAll(() => idx.dispose());

let dir: string;
let deps: SettingsDeps;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'os-tui-settings-'));
  deps = { configFile: join(dir, 'config', 'daemon.toml'), dataDir: join(dir, 'data') };
  mkdirSync(join(dir, 'config'));
  mkdirSync(deps.dataDir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const toml = () => readFileSync(deps.configFile, 'utf8');

async function openSettings(): Promise<Screen> {
  const s = renderApp(idx.services, { settings: deps, columns: 110, rows: 30 });
  await s.waitFor('1 sessions');
  await s.press('4');
  await s.waitFor('daemon.auto_publish');
  return s;
}

/** Moves the cursor to the line of `name` (`section.key`). */
async function goTo(s: Screen, name: string): Promise<void> {
  const at = settingFields().findIndex((f) => fieldName(f) === name);
  expect(at).toBeGreaterThanOrEqual(0);
  await s.press('g', ...'j'.repeat(at));
  await s.waitFor(`settings ${at + 1}/`);
}

describe('settings screen', () => {
  it('toggles and cycles values into daemon.toml, keeping the comments', async () => {
    writeFileSync(deps.configFile, '# my daemon\n[daemon]\nidle_secs = 60 # a minute\n');
    const s = await openSettings();
    expect(s.frame()).toMatch(/daemon\.idle_secs\s+60\s/);
    expect(s.frame()).toContain('daemon not running');
    await s.press(KEY.enter);
    await s.waitFor('saved daemon.auto_publish = true');
    await s.press('j', ' ');
    await s.waitFor('saved daemon.publish_on = session_end');
    expect(toml()).toContain('# my daemon');
    expect(toml()).toContain('idle_secs = 60 # a minute');
    const r = await loadDaemonConfig(deps.configFile);
    expect(r.ok && r.config.daemon).toMatchObject({ auto_publish: true, publish_on: 'session_end', idle_secs: 60 });
    s.unmount();
  });

  it('writes typed numbers and lists, and turns a watcher off', async () => {
    const s = await openSettings();
    await goTo(s, 'daemon.idle_secs');
    await s.press(KEY.enter);
    await s.waitFor('daemon.idle_secs = 120');
    await s.press(KEY.backspace, KEY.backspace, KEY.backspace, ...'300', KEY.enter);
    await s.waitFor('saved daemon.idle_secs = 300');
    await goTo(s, 'privacy.exclude_projects');
    await s.press(KEY.enter, ...'secret-*, client/**', KEY.enter);
    await s.waitFor('saved privacy.exclude_projects = secret-*, client/**');
    await goTo(s, 'watchers.claude_code');
    await s.press(KEY.enter);
    await s.waitFor('saved watchers.claude_code = false');
    const r = await loadDaemonConfig(deps.configFile);
    if (!r.ok) throw new Error(r.error);
    expect(r.config.daemon.idle_secs).toBe(300);
    expect(r.config.privacy.exclude_projects).toEqual(['secret-*', 'client/**']);
    expect(watchedTools(r.config)).not.toContain('claude-code');
    expect(watchedTools(r.config)).toContain('codex');
    s.unmount();
  });

  it('refuses an invalid value with a message naming the key, leaving the file as it was', async () => {
    writeFileSync(deps.configFile, '[daemon]\nidle_secs = 60\n');
    const s = await openSettings();
    await goTo(s, 'daemon.idle_secs');
    await s.press(KEY.enter, KEY.backspace, KEY.backspace, ...'-5', KEY.enter);
    let f = await s.waitFor('refused');
    expect(f).toMatch(/refused: .*daemon\.toml: daemon\.idle_secs: /);
    await s.press(KEY.enter, KEY.backspace, KEY.backspace, ...'soon', KEY.enter);
    f = await s.waitFor('not a number');
    expect(f).toContain('refused: daemon.idle_secs: not a number: soon');
    // Esc cancels a prompt without writing.
    await s.press(KEY.enter, '9', KEY.esc);
    await s.waitFor('Enter edit');
    expect(toml()).toBe('[daemon]\nidle_secs = 60\n');
    s.unmount();
  });

  it('shows a broken daemon.toml with the key at fault', async () => {
    writeFileSync(deps.configFile, '[daemon]\npublish_on = "sometimes"\n');
    const s = renderApp(idx.services, { settings: deps, columns: 110, rows: 30 });
    await s.waitFor('1 sessions');
    await s.press('4');
    const f = await s.waitFor('publish_on');
    expect(f).toMatch(/daemon\.toml: daemon\.publish_on: /);
    s.unmount();
  });

  it("shows the daemon's status from its files, and the command to run without a control", async () => {
    const files = daemonFiles(deps.dataDir);
    // This test process stands in for a running daemon: its pid is alive.
    writeFileSync(files.pid, `${process.pid}\n`);
    const at = '2026-01-03T11:00:00.000Z';
    writeFileSync(
      files.status,
      JSON.stringify({
        pid: process.pid,
        version: '0.0.0',
        state: 'running',
        started_at: at,
        updated_at: at,
        config: { file: deps.configFile, error: null, warnings: [] },
        mode: 'realtime',
        notices: [],
        server: null,
        watched: {},
        last_index: null,
        last_upload: { at, session_id: 's1', url: null },
        last_sync: null,
        last_error: null,
      }),
    );
    const s = await openSettings();
    expect(s.frame()).toContain(`daemon running (pid ${process.pid}) · mode realtime · last upload ${at}`);
    await s.press('x');
    await s.waitFor('run: opensession ops daemon stop');
    s.unmount();
  });

  it('starts and stops through the control it is given', async () => {
    const calls: string[] = [];
    deps.control = {
      start: async () => {
        calls.push('start');
        return 'daemon started (pid 42)';
      },
      stop: async () => {
        throw new Error('the daemon (pid 42) did not stop within 15s');
      },
    };
    const s = await openSettings();
    await s.press('s');
    await s.waitFor('daemon started (pid 42)');
    await s.press('x');
    await s.waitFor('did not stop within 15s');
    expect(calls).toEqual(['start']);
    s.unmount();
  });

  it('is listed in the help', async () => {
    const s = await openSettings();
    await s.press('?');
    const f = await s.waitFor('Everywhere');
    expect(f).toMatch(/^Settings$/m);
    expect(f).toMatch(/^ {2}s +start the daemon/m);
    expect(f).toMatch(/1 2 3 4 +sessions \/ stats \/ teams \/ settings/);
    s.unmount();
  });
});
