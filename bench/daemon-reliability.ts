/**
 * Daemon reliability figures (issue 7): sessions written during a server outage, sessions
 * published through the queue with random `kill -9`s of the daemon, live-stream latency, and
 * the daemon's idle CPU and RSS while watching the M-size (10,000 sessions) history.
 *
 *   npx tsx bench/daemon-reliability.ts [outage] [kills] [realtime] [idle]
 *
 * Environment: OPENSESSION_BENCH_OUTAGE_SECS (default 60), OPENSESSION_BENCH_OUTAGE_SESSIONS
 * (200), OPENSESSION_BENCH_KILL_SESSIONS (1000), OPENSESSION_BENCH_IDLE_SECS (90).
 * Prints figures; never pass/fail.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStatusFile } from '../src/daemon/status.js';
import {
  appendTurns,
  type FakeHome,
  fakeHome,
  newClaudeSession,
  RestartableServer,
  spawnDaemon,
  waitFor,
  writeConfigs,
} from '../test/daemon/harness.js';
import { CACHE, percentile, REPO, SIZES } from './lib/history.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const PUBLISH = `[daemon]
auto_publish = true
publish_on = "session_end"
debounce_secs = 0.5
idle_secs = 1
`;

async function withServer<T>(fn: (server: RestartableServer, key: string, home: FakeHome) => Promise<T>): Promise<T> {
  const server = new RestartableServer();
  await server.start();
  const home = fakeHome();
  try {
    return await fn(server, await server.register('bench'), home);
  } finally {
    await server.dispose();
    home.dispose();
  }
}

async function allOnServer(server: RestartableServer, key: string, ids: readonly string[], timeoutMs: number) {
  return waitFor(
    async () => {
      const on = await server.sessionIds(key);
      return ids.every((id) => on.includes(id)) ? on : undefined;
    },
    'every session on the server',
    timeoutMs,
    500,
  );
}

/** Sessions written while the server is down for N seconds all arrive once it is back. */
async function outage(): Promise<string[]> {
  const outageMs = env('OPENSESSION_BENCH_OUTAGE_SECS', 60) * 1000;
  const count = env('OPENSESSION_BENCH_OUTAGE_SESSIONS', 200);
  return withServer(async (server, key, home) => {
    writeConfigs(home, { url: server.url, apiKey: key }, PUBLISH);
    const daemon = spawnDaemon(home);
    await daemon.waitForOutput(/daemon started/);
    await server.stop();
    const ids: string[] = [];
    const started = Date.now();
    for (let i = 0; i < count; i++) {
      ids.push(newClaudeSession(home).id);
      await sleep(outageMs / count);
    }
    await sleep(Math.max(0, outageMs - (Date.now() - started)));
    await server.start();
    const back = Date.now();
    const on = await allOnServer(server, key, ids, outageMs + 300_000);
    const delivered = Date.now() - back;
    await daemon.stop();
    const arrived = ids.filter((id) => on.includes(id)).length;
    return [
      `outage: ${count} sessions written during a ${secs(outageMs)} server outage`,
      `  arrived after the server came back: ${arrived}/${count} in ${secs(delivered)}; duplicates: ${on.length - new Set(on).size}`,
    ];
  });
}

/** N sessions published through the queue while the daemon is killed (-9) at random moments. */
async function kills(): Promise<string[]> {
  const total = env('OPENSESSION_BENCH_KILL_SESSIONS', 1000);
  const batch = Math.max(1, Math.round(total / 10));
  return withServer(async (server, key, home) => {
    writeConfigs(home, { url: server.url, apiKey: key }, PUBLISH.replace('idle_secs = 1', 'idle_secs = 0.2'));
    const ids: string[] = [];
    const killedAfter: number[] = [];
    const started = Date.now();
    while (ids.length < total) {
      const daemon = spawnDaemon(home);
      await daemon.waitForOutput(/daemon started/);
      for (let i = 0; i < batch && ids.length < total; i++) ids.push(newClaudeSession(home).id);
      const after = 100 + Math.floor(Math.random() * 3000);
      killedAfter.push(after);
      await sleep(after);
      await daemon.kill9();
    }
    const daemon = spawnDaemon(home);
    await daemon.waitForOutput(/daemon started/);
    const on = await allOnServer(server, key, ids, 600_000);
    const elapsed = Date.now() - started;
    await daemon.stop();
    const arrived = ids.filter((id) => on.includes(id)).length;
    const sorted = [...killedAfter].sort((a, b) => a - b);
    return [
      `kill -9: ${total} sessions in batches of ${batch}, daemon killed ${killedAfter.length} times (after ${sorted[0]}–${sorted.at(-1)} ms)`,
      `  on the server: ${arrived}/${total} exactly once (rows ${on.length}, distinct ${new Set(on).size}); wall time ${secs(elapsed)}`,
    ];
  });
}

/** Time from appending events to a session file until they arrive on the live (SSE) stream. */
async function realtime(): Promise<string[]> {
  return withServer(async (server, key, home) => {
    writeConfigs(
      home,
      { url: server.url, apiKey: key },
      '[daemon]\nauto_publish = true\npublish_on = "realtime"\nidle_secs = 600\n',
    );
    const daemon = spawnDaemon(home);
    await daemon.waitForOutput(/daemon started/);
    const s = newClaudeSession(home);
    const row = await waitFor(() => server.sessionByLocalId(key, s.id), 'the session');
    const ac = new AbortController();
    const res = await fetch(`${server.url}/api/sessions/${row.id}/stream`, {
      headers: { authorization: `Bearer ${key}` },
      signal: ac.signal,
    });
    let text = '';
    const reading = (async () => {
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += dec.decode(value, { stream: true });
        }
      } catch {
        // aborted
      }
    })();
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const marker = `live-marker-${i}-${Date.now()}`;
      const t = performance.now();
      appendTurns(s.path, s.id, 1, marker);
      await waitFor(() => text.includes(marker) || undefined, 'the appended event', 30_000, 10);
      latencies.push(performance.now() - t);
      await sleep(700);
    }
    ac.abort();
    await reading;
    await daemon.stop();
    const sorted = latencies.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    return [
      `realtime: append -> live stream, ${sorted.length} appends (realtime_debounce_ms 500): p50 ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, max ${ms(sorted.at(-1) ?? 0)}`,
    ];
  });
}

function procSample(pid: number): { cpuTicks: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuTicks = Number(fields[11]) + Number(fields[12]); // utime + stime
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuTicks, rssMb: Number(rss?.[1] ?? 0) / 1024 };
}

/**
 * The CLI compiled into `dir` (tsc, as `npm run build` does, but not over the checkout's dist):
 * what users run, without tsx's loader in the measured process.
 */
function buildCli(dir: string): string {
  execFileSync(
    process.execPath,
    [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist')],
    {
      cwd: REPO,
      stdio: 'inherit',
    },
  );
  copyFileSync(join(REPO, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  return join(dir, 'dist', 'cli', 'main.js');
}

/** The daemon watching the M-size history (10,000 sessions): start-up, then idle CPU and RSS. */
async function idle(): Promise<string[]> {
  const history = join(CACHE, `home-${SIZES.M}`);
  if (!existsSync(join(history, '.complete')))
    return [`idle: skipped (no ${history}; run \`npm run bench -- index\` first to generate it)`];
  const tmp = mkdtempSync(join(tmpdir(), 'os-bench-idle-'));
  const dataDir = join(tmp, 'data');
  mkdirSync(dataDir, { recursive: true });
  const warmIndex = join(CACHE, `data-${SIZES.M}`, 'local.db');
  const warm = existsSync(warmIndex);
  if (warm) copyFileSync(warmIndex, join(dataDir, 'local.db'));
  const idleMs = env('OPENSESSION_BENCH_IDLE_SECS', 90) * 1000;
  const h: FakeHome = {
    home: history,
    dataDir,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: history,
      XDG_CONFIG_HOME: join(tmp, 'config'),
      OPENSESSION_DATA_DIR: dataDir,
    },
    dispose: () => rmSync(tmp, { recursive: true, force: true }),
  };
  try {
    const entry = process.env.OPENSESSION_BENCH_DAEMON_TSX === '1' ? undefined : buildCli(join(tmp, 'build'));
    const t = performance.now();
    const daemon = spawnDaemon(h, {}, entry);
    await daemon.waitForOutput(/daemon started/, 1_800_000);
    const startup = performance.now() - t;
    const pid = daemon.child.pid as number;
    const status = readStatusFile(join(dataDir, 'daemon-status.json'));
    const watched = Object.entries(status?.watched ?? {})
      .map(([tool, paths]) => `${tool} ${paths.length}`)
      .join(', ');
    await sleep(2000);
    const first = procSample(pid);
    let peak = first.rssMb;
    const began = performance.now();
    while (performance.now() - began < idleMs) {
      await sleep(1000);
      peak = Math.max(peak, procSample(pid).rssMb);
    }
    const last = procSample(pid);
    const cpuPct = ((last.cpuTicks - first.cpuTicks) / 100 / ((performance.now() - began) / 1000)) * 100;
    const rescan = readStatusFile(join(dataDir, 'daemon-status.json'))?.last_index;
    await daemon.stop();
    return [
      `idle: daemon on the M history (${SIZES.M} sessions, ${warm ? 'warm index copied from the index bench' : 'cold index'}), ${entry ? 'compiled CLI' : 'run with tsx'}`,
      `  start-up to "daemon started": ${secs(startup)} (watching: ${watched})`,
      `  idle ${secs(idleMs)} (rescan every 300 s): CPU ${cpuPct.toFixed(2)}% of one core; RSS ${last.rssMb.toFixed(0)} MB, peak ${peak.toFixed(0)} MB; last rescan pass ${rescan?.ms ?? '?'} ms`,
    ];
  } finally {
    h.dispose();
  }
}

const PARTS: Record<string, () => Promise<string[]>> = { outage, kills, realtime, idle };

/** For bench/run.ts: every part, in order. */
export async function benchDaemonReliability(): Promise<string[]> {
  const lines: string[] = [];
  for (const run of Object.values(PARTS)) lines.push(...(await run()));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2);
  for (const name of names.length ? names : Object.keys(PARTS)) {
    const run = PARTS[name];
    if (!run) throw new Error(`unknown part ${name}; parts: ${Object.keys(PARTS).join(', ')}`);
    for (const line of await run()) console.log(line);
  }
}
