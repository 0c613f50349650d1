import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, type TestServer } from '../support/server-harness.js';
import {
  type Account,
  createAccount,
  launchBrowser,
  loginThroughUi,
  newWatchedPage,
  screenshotPath,
  startWebServer,
} from './harness.js';
import { handmadeSession, textEvent, uploadSession } from './sessions-fixture.js';

describe('web app: live view of a session being streamed', () => {
  let server: TestServer;
  let browser: Browser;
  let user: Account;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    user = await createAccount(server.url, 'streamer');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const append = async (id: string, text: string) => {
    const event = textEvent('AgentMessage', text);
    const r = await http(server.url, 'POST', `/api/sessions/${id}/events`, {
      token: user.token,
      json: { events: [event] },
    });
    expect(r.status).toBe(200);
    return event.event_id;
  };

  it('follows a session that is being recorded: new events appear without a reload', async () => {
    // Events from just now: the page follows such a session on its own.
    const s = handmadeSession('live-1', 'Streaming now', [
      textEvent('UserMessage', 'start streaming'),
      textEvent('AgentMessage', 'first answer'),
    ]);
    const id = await uploadSession(server.url, user.token, s);
    const { context, page, problems } = await newWatchedPage(browser);
    await loginThroughUi(page, server.url, user);
    await page.goto(`${server.url}/session/${id}`);
    await expect.poll(() => page.getByTestId('live-toggle').textContent()).toContain('Live');
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));

    const first = await append(id, 'streamed event one');
    await page.locator(`article[data-event-id="${first}"]`).waitFor();
    const second = await append(id, 'streamed event two');
    await page.locator(`article[data-event-id="${second}"]`).waitFor();
    await expect.poll(() => page.getByTestId('event-count').textContent()).toBe('4');
    expect(navigations).toEqual([]);
    await page.screenshot({ path: screenshotPath('session-live') });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('follows an older session on request, stops when asked, and resumes where it stopped', async () => {
    const s = handmadeSession('live-2', 'Old session', [
      textEvent('UserMessage', 'old question', Date.parse('2025-06-01T10:00:00Z')),
      textEvent('AgentMessage', 'old answer', Date.parse('2025-06-01T10:00:05Z')),
    ]);
    const id = await uploadSession(server.url, user.token, s);
    const { context, page } = await newWatchedPage(browser);
    await loginThroughUi(page, server.url, user);
    await page.goto(`${server.url}/session/${id}`);
    const toggle = page.getByTestId('live-toggle');
    await expect.poll(() => toggle.textContent()).toContain('Follow live');
    await toggle.click();
    await expect.poll(() => toggle.textContent()).toContain('Live');
    const added = await append(id, 'late addition');
    await page.locator(`article[data-event-id="${added}"]`).waitFor();

    await toggle.click();
    await expect.poll(() => toggle.textContent()).toContain('Follow live');
    const missed = await append(id, 'sent while not following');
    expect(await page.locator(`article[data-event-id="${missed}"]`).count()).toBe(0);
    await toggle.click();
    await page.locator(`article[data-event-id="${missed}"]`).waitFor();
    expect(await page.locator(`article[data-event-id="${added}"]`).count()).toBe(1);
    await context.close();
  });
});
