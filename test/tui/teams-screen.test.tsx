import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import { httpTeamServices } from '../../src/tui/account/team-api.js';
import { startTestServer, type TestServer } from '../support/server-harness.js';
import { buildIndex, KEY, renderApp, session, type TestIndex } from './tui-fixture.js';

// A real server (Hono on 127.0.0.1, ephemeral port, temp SQLite) and the screen's real HTTP calls.
let server: TestServer;
let idx: TestIndex;
let adminKey: string;
let coreId: string;

async function api(method: string, path: string, token: string | undefined, json?: unknown, body?: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  if (body !== undefined) headers['content-type'] = 'application/x-ndjson';
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: json !== undefined ? JSON.stringify(json) : body,
  });
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely
  const data: any = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(data)}`);
  return data;
}

async function invitee(email: string, nickname: string): Promise<string> {
  const r = await api('POST', '/api/auth/register', undefined, { email, password: 'password123', nickname });
  return r.access_token;
}

async function team(name: string): Promise<string> {
  return (await api('POST', '/api/teams', adminKey, { name })).id;
}

beforeAll(async () => {
  server = await startTestServer('sqlite');
  idx = await buildIndex([session('s1', 'Fix auth', { day: '2026-01-01' })]);
  adminKey = (await api('POST', '/api/register', undefined, { nickname: 'tadmin' })).api_key;
  coreId = await team('Core');
  await api(
    'POST',
    `/api/sessions?team_id=${coreId}`,
    adminKey,
    undefined,
    toHailJsonl(session('t1', 'Team refactor')),
  );
}, 60_000);
afterAll(async () => {
  idx?.dispose();
  await server?.close();
});

describe('teams screen', () => {
  it('accepts an invitation, then the team and its sessions appear', async () => {
    const token = await invitee('inv@example.com', 'invitee');
    await api('POST', `/api/teams/${coreId}/invite`, adminKey, { email: 'inv@example.com' });
    const s = renderApp(idx.services, { teams: httpTeamServices({ url: server.url, apiKey: token }) });
    await s.waitFor('1 sessions');
    await s.press('3');
    await s.waitFor('no teams yet');
    await s.press('i');
    let f = await s.waitFor('1 invitations');
    expect(f).toMatch(/^Core\s+member\s+from tadmin/m);
    await s.press('a');
    await s.waitFor('joined Core');
    await s.waitFor('no pending invitations');
    await s.press(KEY.esc);
    f = await s.waitFor('1 teams');
    expect(f).toMatch(/^Core\s+member\s+2$/m);
    await s.press(KEY.enter);
    f = await s.waitFor('Sessions of Core');
    await s.waitFor('Team refactor');
    expect(s.frame()).toMatch(/claude-code\s+tadmin\s+Team refactor/);
    // q goes back to the list of teams, not out of the UI.
    await s.press('q');
    await s.waitFor('My teams');
    s.unmount();
  });

  it('declines an invitation: it goes away and the team does not appear', async () => {
    const token = await invitee('dec@example.com', 'decliner');
    const otherId = await team('Other');
    await api('POST', `/api/teams/${otherId}/invite`, adminKey, { email: 'dec@example.com' });
    const s = renderApp(idx.services, { teams: httpTeamServices({ url: server.url, apiKey: token }) });
    await s.waitFor('1 sessions');
    await s.press('3');
    await s.waitFor('no teams yet');
    await s.press('i');
    await s.waitFor('from tadmin');
    await s.press('d');
    await s.waitFor('declined Other');
    await s.waitFor('no pending invitations');
    await s.press(KEY.esc);
    await s.waitFor('no teams yet');
    const mine = await api('GET', '/api/teams', token);
    expect(mine.teams).toEqual([]);
    s.unmount();
  });

  it("shows the server's refusal of a bad key", async () => {
    const s = renderApp(idx.services, { teams: httpTeamServices({ url: server.url, apiKey: 'osk_nope' }) });
    await s.waitFor('1 sessions');
    await s.press('3');
    const f = await s.waitFor('server: ');
    expect(f).toMatch(/server: .+/);
    s.unmount();
  });

  it('says how to configure an account when there is none', async () => {
    const s = renderApp(idx.services);
    await s.waitFor('1 sessions');
    await s.press('3');
    const f = await s.waitFor('No server account configured.');
    expect(f).toContain('opensession account config --server URL --api-key osk_…');
    await s.press('?');
    const help = await s.waitFor('Everywhere');
    expect(help).toMatch(/^ {2}a +accept the invitation/m);
    s.unmount();
  });
});
