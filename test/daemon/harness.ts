import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { CLI_ENTRY, REPO_ROOT } from '../cli/run-cli.js';

// Real pieces for daemon tests (and bench/daemon-reliability.ts, hence no vitest import here):
// an HTTP server on 127.0.0.1 that can be stopped and started again on the same port and data,
// a fake home built from the corpus, and the daemon as a child process of the real CLI.

export const CORPUS = resolve(REPO_ROOT, '..', 'shared', 'corpus');
const TEMPLATE = join(CORPUS, 'claude-code', 'v2.0.2-bash-read-summary.jsonl');
export const PROJECT_DIR = join('.claude', 'projects', '-home-dev-webapp');

export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A JSON request to the server: status and parsed body. */
export async function api(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of many shapes
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

/** A server whose data survives stop/start on the same port: an outage, then recovery. */
export class RestartableServer {
  private running: RunningServer | undefined;
  private port = 0;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'os-daemon-server-'));

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const { config: base } = loadConfig({
      OPENSESSION_DATA_DIR: this.dataDir,
      JWT_SECRET: 'daemon-test-secret-that-is-at-least-32-bytes',
      OPENSESSION_RATE_LIMIT_MAX: '100000',
    });
    const config = { ...base, logLevel: 'silent' as const, host: '127.0.0.1', port: this.port };
    this.running = await startServer(config, { log: createLogger('silent') });
    this.port = Number(new URL(this.running.url).port);
  }

  async stop(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async register(nickname: string): Promise<string> {
    const r = await api(this.url, 'POST', '/api/register', { json: { nickname } });
    if (r.status !== 201) throw new Error(`register: ${r.status}`);
    return r.body.api_key as string;
  }

  /** Every session the key's owner has on the server, by HAIL session_id (pages through the feed). */
  async sessionIds(token: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const qs = new URLSearchParams({ limit: '500', ...(cursor ? { cursor } : {}) });
      const r = await api(this.url, 'GET', `/api/sync/pull?${qs}`, { token });
      if (r.status !== 200) throw new Error(`sync pull: ${r.status}`);
      for (const s of r.body.sessions) ids.push(s.session_id);
      if (!r.body.has_more) return ids;
      cursor = r.body.next_cursor;
    }
  }

  async sessionByLocalId(token: string, sessionId: string) {
    const r = await api(this.url, 'GET', '/api/sync/pull?limit=500', { token });
    // biome-ignore lint/suspicious/noExplicitAny: a test reads the summary's fields
    return (r.body.sessions as any[]).find((s) => s.session_id === sessionId);
  }
}

export interface FakeHome {
  home: string;
  env: Record<string, string>;
  dataDir: string;
  dispose(): void;
}

/** A temp home with some real corpus sessions in Claude Code's and Codex's layouts. */
export function fakeHome(): FakeHome {
  const home = mkdtempSync(join(tmpdir(), 'os-daemon-home-'));
  const claude = join(home, PROJECT_DIR);
  mkdirSync(claude, { recursive: true });
  cpSync(join(CORPUS, 'claude-code', 'v2.0.71-thinking-skill-bash.jsonl'), join(claude, `${randomUUID()}.jsonl`));
  const codex = join(home, '.codex', 'sessions', '2026', '04', '07');
  mkdirSync(codex, { recursive: true });
  cpSync(
    join(CORPUS, 'codex', 'v0.118.0-tui-2026-04-exec-command-end.jsonl'),
    join(codex, 'rollout-2026-04-07T15-24-08-019d688b.jsonl'),
  );
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    NO_COLOR: '1',
    TZ: 'UTC',
  };
  return {
    home,
    env,
    dataDir: join(home, '.local', 'share', 'opensession'),
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}

export function writeConfigs(h: FakeHome, server: { url: string; apiKey: string }, daemonToml: string): void {
  const dir = join(h.home, '.config', 'opensession');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.toml'), `[server]\nurl = "${server.url}"\napi_key = "${server.apiKey}"\n`);
  writeFileSync(join(dir, 'daemon.toml'), daemonToml);
}

export const daemonTomlPath = (h: FakeHome) => join(h.home, '.config', 'opensession', 'daemon.toml');

export function writeDaemonToml(h: FakeHome, text: string): void {
  mkdirSync(dirname(daemonTomlPath(h)), { recursive: true });
  writeFileSync(daemonTomlPath(h), text);
}

/** A new Claude Code session: the corpus template with a fresh session id. Returns id and path. */
export function newClaudeSession(h: FakeHome, id = randomUUID(), cwd?: string): { id: string; path: string } {
  const path = join(h.home, PROJECT_DIR, `${id}.jsonl`);
  let text = readFileSync(TEMPLATE, 'utf8').replace(/"sessionId":"[^"]+"/g, `"sessionId":"${id}"`);
  if (cwd) text = text.replace(/"cwd":"[^"]+"/g, `"cwd":${JSON.stringify(cwd)}`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return { id, path };
}

/** Appends user/assistant turns to a Claude Code session, timestamped now (after everything else). */
export function appendTurns(path: string, sessionId: string, turns: number, text = 'appended'): string[] {
  const ids: string[] = [];
  let lines = '';
  const base = Date.now();
  for (let i = 0; i < turns; i++) {
    const user = randomUUID();
    const agent = randomUUID();
    ids.push(user, agent);
    const common = { isSidechain: false, userType: 'external', cwd: '/home/dev/webapp', sessionId, version: '2.0.2' };
    lines += `${JSON.stringify({
      ...common,
      parentUuid: null,
      type: 'user',
      message: { role: 'user', content: `${text} question ${i}` },
      uuid: user,
      timestamp: new Date(base + i * 2).toISOString(),
    })}\n`;
    lines += `${JSON.stringify({
      ...common,
      parentUuid: user,
      type: 'assistant',
      message: {
        model: 'claude-sonnet-4-5-20250929',
        id: `msg_${agent.replace(/-/g, '')}`,
        type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text: `${text} answer ${i}` }],
        usage: { input_tokens: 3, output_tokens: 2 },
      },
      requestId: `req_${agent.replace(/-/g, '')}`,
      uuid: agent,
      timestamp: new Date(base + i * 2 + 1).toISOString(),
    })}\n`;
  }
  appendFileSync(path, lines);
  return ids;
}

export interface DaemonProcess {
  child: ChildProcess;
  output: () => string;
  /** Waits until the daemon's output (from character `from` on) matches. */
  waitForOutput(re: RegExp, timeoutMs?: number, from?: number): Promise<void>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

/** `opensession daemon --foreground` as a child process with the fake home's environment. */
export function spawnDaemon(
  h: FakeHome,
  extraEnv: Record<string, string> = {},
  /** The CLI to run: this checkout's source through tsx unless a built main.js is given. */
  entry?: string,
): DaemonProcess {
  const argv = entry ? [entry] : ['--import', 'tsx', CLI_ENTRY];
  const child = spawn(process.execPath, [...argv, 'daemon', '--foreground'], {
    cwd: REPO_ROOT,
    env: { ...h.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    output: () => out,
    waitForOutput: (re, timeoutMs = 60_000, from = 0) =>
      waitFor(() => re.test(out.slice(from)) || undefined, `daemon output ${re}`, timeoutMs).then(
        () => undefined,
        (err: Error) => {
          throw new Error(`${err.message}; the daemon said:\n${out}`);
        },
      ),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A server with one registered user and a fake home configured for it (no daemon yet). */
export async function serverWithUser(
  server: RestartableServer,
  nickname: string,
  daemonToml: string,
): Promise<{ home: FakeHome; key: string }> {
  await server.start();
  const key = await server.register(nickname);
  const home = fakeHome();
  writeConfigs(home, { url: server.url, apiKey: key }, daemonToml);
  return { home, key };
}

/** {@link serverWithUser}, plus a daemon process started on that home. */
export async function serverUserDaemon(
  server: RestartableServer,
  nickname: string,
  daemonToml: string,
): Promise<{ home: FakeHome; key: string; daemon: DaemonProcess }> {
  const { home, key } = await serverWithUser(server, nickname, daemonToml);
  const daemon = spawnDaemon(home);
  await daemon.waitForOutput(/daemon started/);
  return { home, key, daemon };
}

/** Ends what the helpers above started; `kill9` leaves the daemon no time to tidy up. */
export async function tearDown(
  server: RestartableServer,
  home: FakeHome | undefined,
  daemon: DaemonProcess | undefined,
  how: 'stop' | 'kill9' = 'stop',
): Promise<void> {
  await (how === 'kill9' ? daemon?.kill9() : daemon?.stop());
  await server.dispose();
  home?.dispose();
}
