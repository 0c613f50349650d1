import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server-harness.js';
import {
  createAccount,
  launchBrowser,
  loginThroughUi,
  newWatchedPage,
  screenshotPath,
  startWebServer,
} from './harness.js';
import { scriptCookies, webStorage } from './in-page.js';

describe('web app: landing, register, login, logout', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the landing page to guests, served by the server at /', async () => {
    const { context, page, problems } = await newWatchedPage(browser);
    const res = await page.goto(`${server.url}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('AI coding session');
    await expect(page.getByRole('link', { name: 'Log in' }).first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('landing'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('registers through the form, keeps no token in web storage, and stays signed in across a reload', async () => {
    const { context, page, problems } = await newWatchedPage(browser);
    await page.goto(`${server.url}/register`);
    await page.getByLabel('Email').fill('fresh@example.com');
    await page.getByLabel('Nickname').fill('fresh');
    await page.getByLabel('Password', { exact: true }).fill('long enough pw');
    await page.getByLabel('Repeat password').fill('long enough pw');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByTestId('nav-user').filter({ hasText: 'fresh' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    const storage = await webStorage(page);
    expect(storage).not.toMatch(/token|eyJ/i);
    expect(await scriptCookies(page)).toBe('');
    const cookies = await context.cookies();
    const refresh = cookies.find((c) => c.name === 'opensession_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });

    await page.reload();
    await page.getByTestId('nav-user').filter({ hasText: 'fresh' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('names the problem on every failed form', async () => {
    await createAccount(server.url, 'taken');
    const { context, page } = await newWatchedPage(browser);
    await page.goto(`${server.url}/register`);
    const error = page.getByTestId('form-error');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Nickname').fill('someone');
    await page.getByLabel('Password', { exact: true }).fill('long enough pw');
    await page.getByLabel('Repeat password').fill('long enough pw');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(error.textContent()).resolves.toMatch(/email/i);

    await page.getByLabel('Email').fill('other@example.com');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(error.textContent()).resolves.toMatch(/Password must be at least 8/);

    await page.getByLabel('Password', { exact: true }).fill('long enough pw');
    await page.getByLabel('Nickname').fill('taken');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('nickname already taken').waitFor();

    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill('taken@example.com');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByTestId('form-error').textContent()).resolves.toContain('invalid email or password');

    await page.goto(`${server.url}/login?error=oauth_denied`);
    await expect(page.getByTestId('form-error').textContent()).resolves.toContain('cancelled');
    await page.screenshot({ path: screenshotPath('login-error') });
    await context.close();
  });

  it('logs in, returns to the page asked for, and logs out for good', async () => {
    const a = await createAccount(server.url);
    const { context, page, problems } = await newWatchedPage(browser);
    await page.goto(`${server.url}/settings`);
    await page.waitForURL(/\/login\?next=%2Fsettings/);
    await page.getByLabel('Email').fill(a.email);
    await page.getByLabel('Password').fill(a.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${server.url}/settings`);
    await page.getByTestId('nav-user').filter({ hasText: a.nickname }).waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Log in' }).first().waitFor();
    expect((await context.cookies()).find((c) => c.name === 'opensession_refresh')).toBeUndefined();
    await page.reload();
    await page.getByRole('link', { name: 'Log in' }).first().waitFor();
    expect(await page.getByTestId('nav-user').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps two tabs signed in when both reload at once (refresh rotation is serialised)', async () => {
    const a = await createAccount(server.url);
    const { context, page } = await newWatchedPage(browser);
    await loginThroughUi(page, server.url, a);
    const second = await context.newPage();
    await Promise.all([page.reload(), second.goto(`${server.url}/sessions`)]);
    await page.getByTestId('nav-user').filter({ hasText: a.nickname }).waitFor();
    await second.getByTestId('nav-user').filter({ hasText: a.nickname }).waitFor();
    await page.reload();
    await page.getByTestId('nav-user').filter({ hasText: a.nickname }).waitFor();
    await context.close();
  });
});
