import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daemonTomlPath, type FakeHome, fakeHome, waitFor, writeDaemonToml } from '../daemon/harness.js';
import { runCli } from './run-cli.js';

describe('ops daemon start|status|logs|stop and ops stream', () => {
  let home: FakeHome;
  const cli = (...args: string[]) => runCli(args, { home: home.home });

  beforeAll(() => {
    home = fakeHome();
  });
  afterAll(async () => {
    await cli('ops', 'daemon', 'stop');
    home?.dispose();
  });

  it('status says when the daemon is not running', async () => {
    const r = await cli('ops', 'daemon', 'status', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ running: false, pid: null });
  });

  it('refuses to start with an invalid config, naming the key', async () => {
    writeDaemonToml(home, '[daemon]\npublish_on = "sometimes"\n');
    const r = await cli('ops', 'daemon', 'start');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('daemon.publish_on');
    writeDaemonToml(home, '# my daemon settings\n[daemon]\ndebounce_secs = 1 # quick\n');
  });

  it('starts in the background once, and reports uptime and watched paths', async () => {
    const r = await cli('ops', 'daemon', 'start', '--json');
    expect(r.code, r.stderr).toBe(0);
    const started = JSON.parse(r.stdout);
    expect(started).toMatchObject({ started: true, running: true });
    const again = await cli('ops', 'daemon', 'start');
    expect(again.stdout).toContain(`already running (pid ${started.pid})`);
    const status = await waitFor(async () => {
      const s = JSON.parse((await cli('ops', 'daemon', 'status', '--json')).stdout);
      return s.status?.state === 'running' ? s : undefined;
    }, 'a running status');
    expect(status).toMatchObject({ running: true, pid: started.pid });
    expect(status.status.watched['claude-code'][0]).toContain('.claude/projects');
    const text = await cli('ops', 'daemon', 'status');
    expect(text.stdout).toMatch(/daemon\s+running \(pid \d+\), up /);
    expect(text.stdout).toMatch(/watching\s+claude-code: /);
    expect(text.stdout).toContain('mode       manual');
  });

  it('logs prints the last lines of the log', async () => {
    const r = await cli('ops', 'daemon', 'logs', '-n', '3');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('INFO daemon started');
    expect(r.stdout.trim().split('\n').length).toBeLessThanOrEqual(3);
  });

  it('stream enable switches to realtime in place, keeping comments; the daemon reloads it', async () => {
    const r = await cli('ops', 'stream', 'enable');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('live streaming on');
    expect(r.stdout).toContain('the running daemon picks this up now');
    const text = readFileSync(daemonTomlPath(home), 'utf8');
    expect(text).toContain('# my daemon settings');
    expect(text).toContain('debounce_secs = 1 # quick');
    expect(text).toContain('publish_on = "realtime"');
    expect(text).toContain('auto_publish = true');
    await waitFor(async () => {
      const s = JSON.parse((await cli('ops', 'daemon', 'status', '--json')).stdout);
      return s.status?.mode === 'realtime' || undefined;
    }, 'the daemon to reload its config');
    const off = await cli('ops', 'stream', 'disable', '--json');
    expect(JSON.parse(off.stdout)).toMatchObject({
      publish_on: 'session_end',
      mode: 'session_end',
      daemon_running: true,
    });
  });

  it('stops, and stop again says it is not running', async () => {
    const r = await cli('ops', 'daemon', 'stop');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/daemon stopped \(pid \d+\)/);
    expect((await cli('ops', 'daemon', 'stop')).stdout).toContain('not running');
    const s = JSON.parse((await cli('ops', 'daemon', 'status', '--json')).stdout);
    expect(s).toMatchObject({ running: false });
    expect(s.status.state).toBe('stopped');
  });
});
