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

const REALTIME = `[daemon]
auto_publish = true
publish_on = "realtime"
realtime_debounce_ms = 200
idle_secs = 600
`;

const TOKEN = 'ghp_R3aLlyL00kingT0kenV4lue1234567890abc';

interface Frame {
  event?: string;
  id?: string;
  data?: string;
}

/** Reads SSE frames into `frames` until the stream is cancelled. */
async function collectFrames(res: Response, frames: Frame[]): Promise<void> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      for (let i = buf.indexOf('\n\n'); i !== -1; i = buf.indexOf('\n\n')) {
        const f: Record<string, string> = {};
        for (const line of buf.slice(0, i).split('\n')) {
          const m = /^(event|id|data): ?(.*)$/.exec(line);
          if (m) f[m[1]!] = m[2]!;
        }
        buf = buf.slice(i + 2);
        if (f.event) frames.push(f);
      }
    }
  } catch {
    // cancelled
  }
}

describe('daemon realtime: appended events reach the live endpoint', () => {
  const server = new RestartableServer();
  let home: FakeHome;
  let key: string;
  let daemon: DaemonProcess;

  beforeAll(async () => {
    ({ home, key, daemon } = await serverUserDaemon(server, 'live-user', REALTIME));
  });
  afterAll(() => tearDown(server, home, daemon));

  it('streams appended turns, redacted, to a viewer of the live stream', async () => {
    const s = newClaudeSession(home);
    const row = await waitFor(() => server.sessionByLocalId(key, s.id), 'the session on the server');
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/sessions/${row.id}/stream`, {
      headers: { authorization: `Bearer ${key}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const frames: Frame[] = [];
    const reading = collectFrames(res, frames);
    await waitFor(() => frames.length >= row.event_count || undefined, 'the existing events');

    const appendedAt = Date.now();
    appendTurns(s.path, s.id, 2, `live with GITHUB_TOKEN=${TOKEN}`);
    const live = await waitFor(() => {
      const texts = frames.map((f) => f.data ?? '').filter((d) => d.includes('live with'));
      return texts.length >= 4 ? texts : undefined;
    }, 'the appended events on the live stream');
    const latency = Date.now() - appendedAt;
    console.log(`realtime: appended events reached the live stream after ${latency} ms`);
    controller.abort();
    await reading;

    expect(live.join('\n')).not.toContain(TOKEN);
    expect(live.join('\n')).toContain('[REDACTED:');
    const ids = frames.filter((f) => f.event === 'event').map((f) => Number(f.id));
    expect(ids).toEqual(ids.map((_, i) => i + 1)); // each event once, in order
    await daemon.waitForOutput(/streamed session=\S+ events=4/);
  });
});
