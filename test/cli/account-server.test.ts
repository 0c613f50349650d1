import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeHome,
  fakeHome,
  RestartableServer,
  serverWithUser,
  tearDown,
  writeConfigs,
} from '../daemon/harness.js';
import { runCli } from './run-cli.js';

describe('account server status|verify', () => {
  const server = new RestartableServer();
  let home: FakeHome;
  let key: string;
  const cli = (...args: string[]) => runCli(args, { home: home.home });

  beforeAll(async () => {
    ({ home, key } = await serverWithUser(server, 'verifier', ''));
  });
  afterAll(() => tearDown(server, home, undefined));

  it('status: reachable, version, database and dialect', async () => {
    writeConfigs(home, { url: server.url, apiKey: key }, '');
    const r = await cli('account', 'server', 'status', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ url: server.url, reachable: true, status: 'ok', dialect: 'sqlite' });
    const text = await cli('account', 'server', 'status');
    expect(text.stdout).toMatch(/status\s+ok \(database ok, sqlite\)/);
  });

  it('verify: the key is accepted, and whose it is (masked)', async () => {
    writeConfigs(home, { url: server.url, apiKey: key }, '');
    const r = await cli('account', 'server', 'verify');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('API key accepted');
    expect(r.stdout).toContain('verifier');
    expect(r.stdout).not.toContain(key);
  });

  it('verify: a wrong key is an auth error (exit 4) with what to do', async () => {
    writeConfigs(home, { url: server.url, apiKey: 'osk_wrongkey' }, '');
    const r = await cli('account', 'server', 'verify', '--json');
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'auth', message: expect.stringContaining('refused') });
  });

  it('status: a server that is down is a network error (exit 5) naming the reason', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    writeConfigs(home, { url: `http://127.0.0.1:${port}`, apiKey: key }, '');
    const r = await cli('account', 'server', 'status');
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('connection refused');
  });

  it('status: something that is not an OpenSession server is named as such', async () => {
    const other = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>a router</html>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      writeConfigs(home, { url: `http://127.0.0.1:${(other.address() as AddressInfo).port}`, apiKey: key }, '');
      const r = await cli('account', 'server', 'status');
      expect(r.code).toBe(5);
      expect(r.stderr).toContain('not an OpenSession server');
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('verify without a configured key says how to set one', async () => {
    const bare = fakeHome();
    try {
      const r = await runCli(['account', 'config', '--server', server.url], { home: bare.home });
      expect(r.code).toBe(0);
      const v = await runCli(['account', 'server', 'verify'], { home: bare.home });
      expect(v.code).toBe(4);
      expect(v.stderr).toContain('no API key configured');
      expect(v.stderr).toContain('--api-key');
    } finally {
      bare.dispose();
    }
  });
});
