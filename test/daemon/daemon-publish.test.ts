import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendTurns,
  type DaemonProcess,
  type FakeHome,
  newClaudeSession,
  RestartableServer,
  serverUserDaemon,
  tearDown,
  waitFor,
} from './harness.js';

const SESSION_END = `[daemon]
auto_publish = true
publish_on = "session_end"
debounce_secs = 0.2
idle_secs = 0.5
retry_max_secs = 2

[watchers]
cursor = false
`;

describe('daemon publishing (session_end), real server and daemon process', () => {
  const server = new RestartableServer();
  let home: FakeHome;
  let key: string;
  let daemon: DaemonProcess;

  beforeAll(async () => {
    ({ home, key, daemon } = await serverUserDaemon(server, 'daemon-user', SESSION_END));
  });

  afterAll(() => tearDown(server, home, daemon, 'kill9'));

  it('publishes sessions written after it started, and not the history it found', async () => {
    const a = newClaudeSession(home);
    const b = newClaudeSession(home);
    const ids = await waitFor(async () => {
      const on = await server.sessionIds(key);
      return on.includes(a.id) && on.includes(b.id) ? on : undefined;
    }, 'both new sessions on the server');
    expect(ids.sort()).toEqual([a.id, b.id].sort());
  });

  it('uploads an appended session again, updating it in place', async () => {
    const s = newClaudeSession(home);
    const first = await waitFor(() => server.sessionByLocalId(key, s.id), 'the session');
    appendTurns(s.path, s.id, 3);
    const updated = await waitFor(async () => {
      const row = await server.sessionByLocalId(key, s.id);
      return row && row.event_count > first.event_count ? row : undefined;
    }, 'the appended events');
    expect(updated.event_count).toBe(first.event_count + 6);
    expect(updated.id).toBe(first.id);
    const ids = await server.sessionIds(key);
    expect(ids.filter((id) => id === s.id)).toHaveLength(1);
  });

  it('keeps sessions written while the server is down, and delivers them when it is back', async () => {
    await server.stop();
    const written = [newClaudeSession(home), newClaudeSession(home), newClaudeSession(home)];
    await daemon.waitForOutput(/server unreachable|will retry/);
    await server.start();
    const ids = await waitFor(
      async () => {
        const on = await server.sessionIds(key);
        return written.every((w) => on.includes(w.id)) ? on : undefined;
      },
      'the sessions written during the outage',
      60_000,
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stops on SIGTERM, removing its pid file', async () => {
    const pidFile = join(home.dataDir, 'daemon.pid');
    expect(existsSync(pidFile)).toBe(true);
    expect(await daemon.stop()).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
  });
});
