import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, type TestServer } from '../support/server-harness.js';
import {
  createAccount,
  launchBrowser,
  loginThroughUi,
  newWatchedPage,
  screenshotPath,
  startWebServer,
} from './harness.js';
import { pageOverflowsWidth, scriptCookies, webStorage } from './in-page.js';
import { CORPUS_FILES, corpusSession, uploadSession } from './sessions-fixture.js';

describe('web app: theme, docs, OAuth callback, phone width, keys', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('switches between light and dark and remembers the choice', async () => {
    const { context, page } = await newWatchedPage(browser);
    await page.goto(`${server.url}/`);
    const theme = () => page.locator('html').getAttribute('data-theme');
    const before = await theme();
    await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
    const after = await theme();
    expect(after).not.toBe(before);
    await page.reload();
    await expect.poll(theme).toBe(after);
    await page.screenshot({ path: screenshotPath(`landing-${after}`) });
    await context.close();
  });

  it('renders the server’s API reference on the docs page, sanitized', async () => {
    const { context, page, problems } = await newWatchedPage(browser);
    await page.goto(`${server.url}/help`);
    await page.getByRole('heading', { name: 'Documentation' }).waitFor();
    await page.locator('.markdown h2, .markdown h1').first().waitFor();
    expect(await page.locator('.markdown').textContent()).toContain('/api/sessions');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs in from the OAuth callback fragment, keeps the token out of the URL and storage', async () => {
    const a = await createAccount(server.url, 'oauthuser');
    // What the server's provider callback hands the browser: tokens in the fragment.
    const login = await http(server.url, 'POST', '/api/auth/login', { json: { email: a.email, password: a.password } });
    const fragment = new URLSearchParams({
      access_token: login.body.access_token,
      refresh_token: login.body.refresh_token,
      expires_in: '3600',
    });
    const { context, page } = await newWatchedPage(browser);
    await page.goto(`${server.url}/auth/callback#${fragment}`);
    await page.getByTestId('nav-user').filter({ hasText: 'oauthuser' }).waitFor();
    expect(page.url()).not.toContain('token');
    expect(await webStorage(page)).not.toContain(login.body.refresh_token);
    expect(await scriptCookies(page)).toBe('');
    // The fragment's token was rotated into the cookie: replaying it is refused.
    const replay = await http(server.url, 'POST', '/api/auth/refresh', {
      json: { refresh_token: login.body.refresh_token },
    });
    expect(replay.status).toBe(401);
    await context.close();

    const bad = await newWatchedPage(browser);
    await bad.page.goto(`${server.url}/auth/callback#refresh_token=not-a-real-token`);
    await bad.page.getByRole('alert').waitFor();
    expect(await bad.page.getByRole('alert').textContent()).toMatch(/invalid refresh token/);
    await bad.context.close();
  });

  it('fits a phone screen: list and session without sideways scrolling, menu behind a button', async () => {
    const a = await createAccount(server.url, 'phoneuser');
    const id = await uploadSession(server.url, a.token, await corpusSession(CORPUS_FILES.errors));
    // Not isMobile: a mobile viewport widens itself to fit overflowing content, hiding the fault.
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await loginThroughUi(page, server.url, a);
    await page.goto(`${server.url}/sessions`);
    await page.getByTestId('session-list').locator('article').first().waitFor();
    expect(await pageOverflowsWidth(page)).toBe(false);
    await page.screenshot({ path: screenshotPath('phone-list') });
    await page.goto(`${server.url}/session/${id}`);
    await page.getByTestId('timeline').locator('article').first().waitFor();
    expect(await pageOverflowsWidth(page)).toBe(false);
    await page.screenshot({ path: screenshotPath('phone-session') });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Teams' }).click();
    await page.waitForURL(`${server.url}/teams`);
    await context.close();
  });

  it('goes back with Escape and shows a page for unknown addresses', async () => {
    const { context, page } = await newWatchedPage(browser);
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Docs' }).click();
    await page.waitForURL(`${server.url}/help`);
    await page.locator('body').press('Escape');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/no/such/page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await context.close();
  });
});
