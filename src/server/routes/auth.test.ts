import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, describeEachDialect, type TestApp } from '../../../test/support/server-harness.js';

describeEachDialect('auth routes', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const register = (email: string, nickname: string, password = 'correct horse') =>
    call(t.app, 'POST', '/api/auth/register', { json: { email, password, nickname } });

  describe('valid', () => {
    it('registers by nickname, returns an osk_ key once and stores only its hash', async () => {
      const r = await call(t.app, 'POST', '/api/register', { json: { nickname: 'first' } });
      expect(r.status).toBe(201);
      expect(r.body.api_key).toMatch(/^osk_[0-9a-f]{64}$/);
      const row = await t.deps.database.db
        .selectFrom('users')
        .selectAll()
        .where('nickname', '=', 'first')
        .executeTakeFirstOrThrow();
      expect(row.api_key_hash).not.toContain(r.body.api_key.slice(4));
      expect(row.is_admin).toBe(1);
      const me = await call(t.app, 'GET', '/api/auth/me', { token: r.body.api_key });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ nickname: 'first', is_admin: true, has_api_key: true });
      expect(JSON.stringify(me.body)).not.toContain(r.body.api_key);
    });

    it('makes only the first user the instance admin', async () => {
      const r = await register('second@example.com', 'second');
      expect(r.status).toBe(201);
      const me = await call(t.app, 'GET', '/api/auth/me', { token: r.body.access_token });
      expect(me.body.is_admin).toBe(false);
      expect(me.body.email).toBe('second@example.com');
    });

    it('logs in, verifies the access token and rotates the refresh token', async () => {
      await register('rot@example.com', 'rot');
      const login = await call(t.app, 'POST', '/api/auth/login', {
        json: { email: 'ROT@example.com', password: 'correct horse' },
      });
      expect(login.status).toBe(200);
      expect(login.body.expires_in).toBe(3600);
      const verify = await call(t.app, 'POST', '/api/auth/verify', { token: login.body.access_token });
      expect(verify.body).toEqual({ user_id: login.body.user_id, nickname: 'rot' });
      const next = await call(t.app, 'POST', '/api/auth/refresh', {
        json: { refresh_token: login.body.refresh_token },
      });
      expect(next.status).toBe(200);
      expect(next.body.refresh_token).not.toBe(login.body.refresh_token);
    });

    it('regenerates the API key and invalidates the old one', async () => {
      const r = await call(t.app, 'POST', '/api/register', { json: { nickname: 'regen' } });
      const k = await call(t.app, 'POST', '/api/auth/regenerate-key', { token: r.body.api_key });
      expect(k.status).toBe(200);
      expect(k.body.api_key).toMatch(/^osk_/);
      expect((await call(t.app, 'GET', '/api/auth/me', { token: r.body.api_key })).status).toBe(401);
      expect((await call(t.app, 'GET', '/api/auth/me', { token: k.body.api_key })).status).toBe(200);
    });

    it('changes the password and revokes refresh tokens', async () => {
      const r = await register('pw@example.com', 'pw');
      const put = await call(t.app, 'PUT', '/api/auth/password', {
        token: r.body.access_token,
        json: { current_password: 'correct horse', new_password: 'new password 2' },
      });
      expect(put.status).toBe(200);
      expect(
        (await call(t.app, 'POST', '/api/auth/refresh', { json: { refresh_token: r.body.refresh_token } })).status,
      ).toBe(401);
      const old = await call(t.app, 'POST', '/api/auth/login', {
        json: { email: 'pw@example.com', password: 'correct horse' },
      });
      expect(old.status).toBe(401);
      const ok = await call(t.app, 'POST', '/api/auth/login', {
        json: { email: 'pw@example.com', password: 'new password 2' },
      });
      expect(ok.status).toBe(200);
    });

    it('logout revokes the refresh token', async () => {
      const r = await register('out@example.com', 'out');
      expect(
        (await call(t.app, 'POST', '/api/auth/logout', { json: { refresh_token: r.body.refresh_token } })).body,
      ).toEqual({ ok: true });
      expect(
        (await call(t.app, 'POST', '/api/auth/refresh', { json: { refresh_token: r.body.refresh_token } })).status,
      ).toBe(401);
    });
  });

  describe('invalid', () => {
    it('rejects duplicate nicknames and emails with 409', async () => {
      await register('dup@example.com', 'dup');
      expect((await register('dup@example.com', 'dup2')).status).toBe(409);
      expect((await register('dup3@example.com', 'dup')).status).toBe(409);
      expect((await call(t.app, 'POST', '/api/register', { json: { nickname: 'dup' } })).status).toBe(409);
    });

    it('enforces password length 8..128 and a valid email', async () => {
      expect((await register('short@example.com', 'short', '1234567')).status).toBe(400);
      expect((await register('long@example.com', 'long', 'x'.repeat(129))).status).toBe(400);
      expect((await register('ok128@example.com', 'ok128', 'x'.repeat(128))).status).toBe(201);
      const bad = await register('not-an-email', 'bademail');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_request');
    });

    it('answers 401 with the same message for a wrong password and an unknown email', async () => {
      await register('who@example.com', 'who');
      const wrong = await call(t.app, 'POST', '/api/auth/login', {
        json: { email: 'who@example.com', password: 'nope nope' },
      });
      const unknown = await call(t.app, 'POST', '/api/auth/login', {
        json: { email: 'nobody@example.com', password: 'nope nope' },
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
    });

    it('revokes the whole family when a rotated refresh token is reused', async () => {
      const r = await register('reuse@example.com', 'reuse');
      const next = await call(t.app, 'POST', '/api/auth/refresh', { json: { refresh_token: r.body.refresh_token } });
      expect(next.status).toBe(200);
      const replay = await call(t.app, 'POST', '/api/auth/refresh', { json: { refresh_token: r.body.refresh_token } });
      expect(replay.status).toBe(401);
      // The legitimate holder of the newer token is logged out too.
      expect(
        (await call(t.app, 'POST', '/api/auth/refresh', { json: { refresh_token: next.body.refresh_token } })).status,
      ).toBe(401);
    });

    it('rejects expired access tokens and expired refresh tokens', async () => {
      const r = await register('exp@example.com', 'exp');
      t.clock.advance(3601 * 1000);
      expect((await call(t.app, 'GET', '/api/auth/me', { token: r.body.access_token })).status).toBe(401);
      t.clock.advance(7 * 24 * 3600 * 1000);
      expect(
        (await call(t.app, 'POST', '/api/auth/refresh', { json: { refresh_token: r.body.refresh_token } })).status,
      ).toBe(401);
    });

    it('answers 401 to bad bearer tokens even on public routes, and JSON error bodies everywhere', async () => {
      const r = await call(t.app, 'GET', '/api/auth/me', { token: 'osk_0000' });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      expect((await call(t.app, 'GET', '/api/auth/me')).status).toBe(401);
      expect((await call(t.app, 'GET', '/api/health', { token: 'garbage.jwt.token' })).status).toBe(401);
      const bad = await call(t.app, 'POST', '/api/register', {
        body: '{not json',
        headers: { 'content-type': 'application/json' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_json');
    });
  });
});

describeEachDialect('auth routes in cookie mode (web app)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const WEB = { 'x-opensession-auth': 'cookie' };
  /** The refresh cookie a response set, with its attributes. */
  const cookieOf = (res: Response) => res.headers.get('set-cookie') ?? '';
  const cookieValue = (res: Response) => /opensession_refresh=([^;]*)/.exec(cookieOf(res))?.[1] ?? '';
  const withCookie = (value: string) => ({ ...WEB, cookie: `opensession_refresh=${value}` });

  it('puts the refresh token in an http-only SameSite=Strict cookie, never in the body', async () => {
    const r = await call(t.app, 'POST', '/api/auth/register', {
      json: { email: 'web@example.com', password: 'correct horse', nickname: 'web' },
      headers: WEB,
    });
    expect(r.status).toBe(201);
    expect(r.body.refresh_token).toBe('');
    expect(r.body.access_token).toBeTruthy();
    const cookie = cookieOf(r.res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    expect(cookieValue(r.res)).toMatch(/^[\w-]{32,}$/);
    expect(r.res.headers.get('cache-control')).toBe('no-store');
  });

  it('refreshes from the cookie alone and rotates it', async () => {
    const login = await call(t.app, 'POST', '/api/auth/login', {
      json: { email: 'web@example.com', password: 'correct horse' },
      headers: WEB,
    });
    const first = cookieValue(login.res);
    const next = await call(t.app, 'POST', '/api/auth/refresh', { headers: withCookie(first) });
    expect(next.status).toBe(200);
    expect(next.body.refresh_token).toBe('');
    const second = cookieValue(next.res);
    expect(second).toMatch(/^[\w-]{32,}$/);
    expect(second).not.toBe(first);
    const me = await call(t.app, 'GET', '/api/auth/me', { token: next.body.access_token });
    expect(me.body.nickname).toBe('web');
    // The rotated cookie is spent: presenting it again is reuse.
    expect((await call(t.app, 'POST', '/api/auth/refresh', { headers: withCookie(first) })).status).toBe(401);
  });

  it('ignores the cookie without the opt-in header (a forged cross-site request carries none)', async () => {
    const login = await call(t.app, 'POST', '/api/auth/login', {
      json: { email: 'web@example.com', password: 'correct horse' },
      headers: WEB,
    });
    const r = await call(t.app, 'POST', '/api/auth/refresh', {
      headers: { cookie: `opensession_refresh=${cookieValue(login.res)}` },
    });
    expect(r.status).toBe(400);
    expect(r.res.headers.get('set-cookie')).toBeNull();
    // Without cookie or body in cookie mode: simply not signed in.
    expect((await call(t.app, 'POST', '/api/auth/refresh', { headers: WEB })).status).toBe(401);
  });

  it('logout revokes the cookie token and clears the cookie', async () => {
    const login = await call(t.app, 'POST', '/api/auth/login', {
      json: { email: 'web@example.com', password: 'correct horse' },
      headers: WEB,
    });
    const token = cookieValue(login.res);
    const out = await call(t.app, 'POST', '/api/auth/logout', { headers: withCookie(token) });
    expect(out.body).toEqual({ ok: true });
    expect(cookieOf(out.res)).toMatch(/opensession_refresh=;.*Max-Age=0/i);
    expect((await call(t.app, 'POST', '/api/auth/refresh', { headers: withCookie(token) })).status).toBe(401);
    // A second logout with no cookie left is fine.
    expect((await call(t.app, 'POST', '/api/auth/logout', { headers: WEB })).status).toBe(200);
  });

  it('moves an OAuth refresh token from the body into the cookie', async () => {
    const plain = await call(t.app, 'POST', '/api/auth/login', {
      json: { email: 'web@example.com', password: 'correct horse' },
    });
    expect(plain.body.refresh_token).toMatch(/^[\w-]{32,}$/);
    expect(plain.res.headers.get('set-cookie')).toBeNull();
    const r = await call(t.app, 'POST', '/api/auth/refresh', {
      json: { refresh_token: plain.body.refresh_token },
      headers: WEB,
    });
    expect(r.status).toBe(200);
    expect(r.body.refresh_token).toBe('');
    expect(cookieValue(r.res)).toMatch(/^[\w-]{32,}$/);
  });
});

describeEachDialect('auth rate limits', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      env: { OPENSESSION_RATE_LIMIT_MAX: '3', OPENSESSION_RATE_LIMIT_WINDOW_SECONDS: '60' },
    });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After past the limit, and again after the window', async () => {
    const attempt = () =>
      call(t.app, 'POST', '/api/auth/login', { json: { email: 'x@example.com', password: 'whatever1' } });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.res.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(61_000);
    expect((await attempt()).status).toBe(401);
  });

  it('keeps the count in the database', async () => {
    const rows = await t.deps.database.db.selectFrom('rate_limits').selectAll().execute();
    expect(rows.some((r) => r.bucket.startsWith('login:') && r.hits >= 4)).toBe(true);
  });
});
