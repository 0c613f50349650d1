import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server-harness.js';
import {
  type Account,
  createAccount,
  launchBrowser,
  loginThroughUi,
  newWatchedPage,
  screenshotPath,
  startWebServer,
} from './harness.js';
import { focusedTestId } from './in-page.js';
import { CORPUS_FILES, corpusSession, handmadeSession, textEvent, uploadSession } from './sessions-fixture.js';

describe('web app: session list', () => {
  let server: TestServer;
  let browser: Browser;
  let user: Account;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    user = await createAccount(server.url, 'lister');
    // Real sessions to search, plus enough small ones for a second page.
    for (const file of Object.values(CORPUS_FILES))
      await uploadSession(server.url, user.token, await corpusSession(file));
    for (let i = 0; i < 22; i++) {
      const s = handmadeSession(`filler-${i}`, `Filler session ${i}`, [
        textEvent('UserMessage', `filler question ${i}`, Date.parse('2026-01-01T00:00:00Z') + i * 60_000),
        textEvent('AgentMessage', 'filler answer', Date.parse('2026-01-01T00:00:30Z') + i * 60_000),
      ]);
      await uploadSession(server.url, user.token, s);
    }
    ({ context, page, problems } = await newWatchedPage(browser));
    await loginThroughUi(page, server.url, user);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const cards = () => page.getByTestId('session-list').locator('article');

  it('lists sessions as cards, 20 a page, with pages in the URL', async () => {
    await page.goto(`${server.url}/sessions`);
    await expect.poll(() => cards().count()).toBe(20);
    await page.screenshot({ path: screenshotPath('session-list'), fullPage: true });
    await page.getByRole('button', { name: 'Older →' }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => cards().count()).toBe(Object.keys(CORPUS_FILES).length + 22 - 20);
    await page.reload();
    await expect.poll(() => cards().count()).toBe(Object.keys(CORPUS_FILES).length + 22 - 20);
    expect(await page.getByText('Page 2 of 2').count()).toBe(1);
  });

  it('searches message text after "/" focuses the box, and the URL keeps the query', async () => {
    await page.goto(`${server.url}/sessions`);
    await cards().first().waitFor();
    await page.locator('body').press('/');
    await expect.poll(() => focusedTestId(page)).toBe('search-input');
    await page.keyboard.type('YNABServerError');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=YNABServerError/);
    await expect.poll(() => cards().count()).toBe(1);
    await page.reload();
    await expect.poll(() => cards().count()).toBe(1);
    expect(await page.getByTestId('search-input').inputValue()).toBe('YNABServerError');
  });

  it('filters by tool and sorts, and a cleared filter shows everything again', async () => {
    await page.goto(`${server.url}/sessions?tool=codex`);
    await expect.poll(() => cards().count()).toBe(1);
    await page.getByLabel('Sort').selectOption('longest');
    await page.waitForURL(/sort=longest/);
    expect(page.url()).toContain('tool=codex');
    await page.goto(`${server.url}/sessions?q=nothing-matches-this`);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => cards().count()).toBe(20);
  });

  it('moves through cards with j/k and opens one with Enter', async () => {
    await page.goto(`${server.url}/sessions?q=YNABServerError`);
    await expect.poll(() => cards().count()).toBe(1);
    await page.locator('body').press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/session\//);
    await page.getByTestId('timeline').locator('article').first().waitFor();
    expect(problems).toEqual([]);
  });

  it('shows guests the public sessions only', async () => {
    const guest = await newWatchedPage(browser);
    await guest.page.goto(`${server.url}/sessions`);
    await guest.page.getByText('No public sessions here yet.').waitFor();
    await guest.page.goto(`${server.url}/`);
    await guest.page.getByRole('link', { name: 'Create an account' }).waitFor();
    await guest.context.close();
  });
});
