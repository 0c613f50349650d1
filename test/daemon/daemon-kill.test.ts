import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadQueue } from '../../src/daemon/upload-queue.js';
import { openIndex } from '../../src/store/db.js';
import {
  type DaemonProcess,
  type FakeHome,
  newClaudeSession,
  RestartableServer,
  serverWithUser,
  spawnDaemon,
  tearDown,
  waitFor,
} from './harness.js';

const CONFIG = `[daemon]
auto_publish = true
publish_on = "session_end"
debounce_secs = 0.1
idle_secs = 0.1
retry_max_secs = 2
`;

const SESSIONS = 50;
const BATCHES = 5;

describe('kill -9 of the daemon while it publishes', () => {
  const server = new RestartableServer();
  let home: FakeHome;
  let key: string;
  let daemon: DaemonProcess | undefined;

  beforeAll(async () => {
    ({ home, key } = await serverWithUser(server, 'kill-user', CONFIG));
  });
  afterAll(() => tearDown(server, home, daemon, 'kill9'));

  it(`loses nothing and duplicates nothing: ${SESSIONS} sessions arrive exactly once`, async () => {
    const written: string[] = [];
    const kills: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      daemon = spawnDaemon(home);
      await daemon.waitForOutput(/daemon started/);
      for (let i = 0; i < SESSIONS / BATCHES; i++) written.push(newClaudeSession(home).id);
      // Somewhere between "still indexing" and "uploading": a different moment each time.
      const after = 50 + Math.floor(Math.random() * 1200);
      kills.push(after);
      await new Promise((r) => setTimeout(r, after));
      await daemon.kill9();
    }
    daemon = spawnDaemon(home);
    await daemon.waitForOutput(/daemon started/);
    const onServer = await waitFor(
      async () => {
        const ids = await server.sessionIds(key);
        return written.every((id) => ids.includes(id)) ? ids : undefined;
      },
      `all ${SESSIONS} sessions (kills after ${kills.join(', ')} ms)`,
      90_000,
      250,
    );
    expect(onServer.filter((id) => written.includes(id)).sort()).toEqual([...written].sort());
    expect(new Set(onServer).size).toBe(onServer.length);
    expect(await daemon.stop()).toBe(0);

    const db = openIndex(join(home.dataDir, 'local.db'), { readonly: true });
    try {
      expect(new UploadQueue(db, server.url).stats()).toMatchObject({ pending: 0, failed: 0, sent: SESSIONS });
    } finally {
      db.close();
    }
  }, 180_000);
});
