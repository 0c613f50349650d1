import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatusFile } from '../../src/daemon/status.js';
import {
  type DaemonProcess,
  type FakeHome,
  newClaudeSession,
  RestartableServer,
  serverUserDaemon,
  spawnDaemon,
  tearDown,
  waitFor,
  writeDaemonToml,
} from './harness.js';

const PUBLISHING = `[daemon]
auto_publish = true
publish_on = "session_end"
debounce_secs = 0.2
idle_secs = 0.3

[sync]
pull = true
interval_secs = 5
`;

describe('daemon config: reloads, keeps the last good one, manual mode, pull sync', () => {
  const server = new RestartableServer();
  let home: FakeHome;
  let key: string;
  let daemon: DaemonProcess;
  const status = () => readStatusFile(join(home.dataDir, 'daemon-status.json'));
  /** The status file is written at most twice a second: wait for it to show the change. */
  const statusWhere = (what: string, ok: (s: NonNullable<ReturnType<typeof status>>) => boolean) =>
    waitFor(() => {
      const s = status();
      return s && ok(s) ? s : undefined;
    }, what);

  beforeAll(async () => {
    ({ home, key, daemon } = await serverUserDaemon(server, 'config-user', PUBLISHING));
  });
  afterAll(() => tearDown(server, home, daemon, 'kill9'));

  it('pulls the team feed when [sync] pull is on', async () => {
    const s = newClaudeSession(home);
    await waitFor(() => server.sessionByLocalId(key, s.id), 'the upload');
    const synced = await waitFor(() => {
      const st = status();
      return st?.last_sync && st.last_sync.pulled > 0 ? st.last_sync : undefined;
    }, 'a pull with sessions');
    expect(synced.pulled).toBeGreaterThan(0);
  });

  it('logs an invalid config naming the key, and keeps publishing with the last good one', async () => {
    writeDaemonToml(home, `${PUBLISHING}\n[privacy]\nstrip_paths = "sometimes"\n`);
    await daemon.waitForOutput(/invalid config; keeping the last good one .*privacy\.strip_paths/);
    await statusWhere('the config error', (s) => s.config.error?.includes('privacy.strip_paths') === true);
    const s = newClaudeSession(home);
    await waitFor(() => server.sessionByLocalId(key, s.id), 'an upload under the last good config');
  });

  it('uploads nothing in manual mode (auto_publish off)', async () => {
    writeDaemonToml(home, '[daemon]\nauto_publish = false\npublish_on = "session_end"\ndebounce_secs = 0.2\n');
    await daemon.waitForOutput(/config reloaded mode=manual/);
    await statusWhere('the manual notice', (s) => s.notices.join(' ').includes('auto_publish is false'));
    const from = daemon.output().length;
    const s = newClaudeSession(home);
    await daemon.waitForOutput(/indexed tools=claude-code changed=\d+ queued=0/, 30_000, from);
    expect(await server.sessionIds(key)).not.toContain(s.id);
  });

  it('starts with the last good config when the file is broken at start', async () => {
    await daemon.stop();
    writeDaemonToml(home, '[daemon\n');
    daemon = spawnDaemon(home);
    await daemon.waitForOutput(/running with the last good one/);
    await daemon.waitForOutput(/daemon started/);
    const st = await statusWhere('the start-up error', (s) => s.state === 'running');
    expect(st.config.error).toMatch(/line 1, column \d+/);
    expect(st.mode).toBe('manual');
  });
});
