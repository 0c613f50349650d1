import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/hail/session.js';
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
import { kindsShown, scrollToEnd, topIsInTimelineView } from './in-page.js';
import {
  CORPUS_FILES,
  corpusSession,
  handmadeSession,
  longSession,
  textEvent,
  uploadSession,
} from './sessions-fixture.js';

async function readDownload(d: Download): Promise<string> {
  const file = await d.path();
  return readFile(file, 'utf8');
}

describe('web app: session detail', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: Account;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const ids: Record<string, string> = {};
  const sessions: Record<string, Session> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    owner = await createAccount(server.url, 'reader');
    for (const [name, file] of Object.entries(CORPUS_FILES)) {
      sessions[name] = await corpusSession(file);
      ids[name] = await uploadSession(server.url, owner.token, sessions[name]);
    }
    sessions.long = longSession(sessions.errors as Session, 5000);
    ids.long = await uploadSession(server.url, owner.token, sessions.long);
    ({ context, page, problems } = await newWatchedPage(browser));
    await loginThroughUi(page, server.url, owner);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const open = async (name: string, hash = '') => {
    await page.goto(`${server.url}/session/${ids[name]}${hash}`);
    await page.getByTestId('timeline').locator('article').first().waitFor();
  };

  it('renders the timeline: markdown, paired results, errors, diffs and the stats header', async () => {
    await open('errors');
    const s = sessions.errors as Session;
    await expect(page.getByTestId('event-count').textContent()).resolves.toBe(String(s.stats.event_count));
    // Results are shown with their calls, not as rows of their own.
    const rows = page.getByTestId('timeline').locator('article');
    expect(await rows.locator('[data-kind="ToolResult"]').count()).toBe(0);
    expect(await page.locator('article[data-kind="FileRead"] details.result').count()).toBeGreaterThan(0);
    await expect(page.locator('article[data-kind="AgentMessage"] .markdown').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('session-detail') });
    expect(problems).toEqual([]);
  });

  it('shows subagents in their own lane, foldable', async () => {
    await open('subagent');
    const start = page.locator('article[data-kind="TaskStart"]').first();
    await start.waitFor();
    const lane = page.locator('article.sub');
    const before = await lane.count();
    expect(before).toBeGreaterThan(1);
    await start.getByRole('button', { name: /Fold this subagent/ }).click();
    await expect.poll(() => lane.count()).toBeLessThan(before);
  });

  it('shows shell commands with their exit codes, a failing one as an error', async () => {
    await open('codex');
    const shell = page.locator('article[data-kind="ShellCommand"]').first();
    await shell.waitFor();
    expect(await shell.getByTestId('exit-code').textContent()).toBe('exit 0');
    await page.screenshot({ path: screenshotPath('session-shell') });

    const failing = handmadeSession('failing-shell', 'A failing command', [
      textEvent('UserMessage', 'run the tests', Date.parse('2026-01-01T23:59:00Z')),
      {
        event_id: 'sh-1',
        timestamp: '2026-01-02T00:00:00Z',
        event_type: { type: 'ShellCommand', data: { command: 'npm test', exit_code: 1 } },
        content: { blocks: [{ type: 'Text', text: '1 failing' }] },
      },
    ]);
    await page.goto(`${server.url}/session/${await uploadSession(server.url, owner.token, failing)}`);
    const row = page.locator('article[data-event-id="sh-1"]');
    await row.waitFor();
    expect(await row.getAttribute('class')).toContain('error');
    expect(await row.getByTestId('exit-code').textContent()).toBe('exit 1');
  });

  it('opens a 5,000-event session quickly and only draws what is on screen', async () => {
    // A fresh browser context: nothing cached, as for someone opening a shared link.
    const fresh = await newWatchedPage(browser);
    await loginThroughUi(fresh.page, server.url, owner);
    const started = Date.now();
    await fresh.page.goto(`${server.url}/session/${ids.long}`);
    await fresh.page.getByTestId('timeline').locator('article').first().waitFor();
    const wall = Date.now() - started;
    const rendered = await fresh.page.evaluate(
      () => performance.getEntriesByName('opensession:timeline-rendered')[0]?.startTime ?? -1,
    );
    console.log(
      `[web] 5,000-event session: first timeline render ${Math.round(rendered)} ms after navigation start (wall ${wall} ms, cold cache)`,
    );
    expect(rendered).toBeGreaterThan(0);
    await fresh.context.close();
    await open('long');
    const drawn = await page.getByTestId('timeline').locator('article').count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(200);
    // Row heights become known while scrolling, so the end moves: keep going until the last row shows.
    const lastRow = (sessions.long as Session).events.findLast((e) => e.event_type.type !== 'ToolResult');
    const last = page.getByTestId('timeline').locator(`article[data-event-id="${lastRow?.event_id}"]`);
    await expect
      .poll(
        async () => {
          await scrollToEnd(page.getByTestId('timeline'));
          return last.count();
        },
        { timeout: 10_000 },
      )
      .toBe(1);
  });

  it('follows a deep link to an event far down, scrolls it into view and highlights it', async () => {
    // A row's own event (a tool result is drawn inside its call's row).
    const target = (sessions.long as Session).events.slice(3000).find((e) => e.event_type.type !== 'ToolResult')
      ?.event_id as string;
    await open('long', `#${target}`);
    const row = page.locator(`article[data-event-id="${target}"]`);
    await row.waitFor();
    await expect.poll(() => row.getAttribute('class')).toContain('target');
    expect(await topIsInTimelineView(row)).toBe(true);
    await page.screenshot({ path: screenshotPath('session-deep-link') });

    // A link to a tool result lands on the row of its call.
    const result = (sessions.long as Session).events.slice(3000).find((e) => e.event_type.type === 'ToolResult');
    const call = result?.event_type.type === 'ToolResult' ? result.event_type.data.call_id : undefined;
    await page.goto(`${server.url}/session/${ids.long}#${result?.event_id}`);
    await expect.poll(() => page.locator(`article[data-event-id="${call}"]`).getAttribute('class')).toContain('target');
  });

  it('finds text in the session and filters by event kind (buttons and number keys)', async () => {
    await open('errors');
    const find = page.getByTestId('find-input');
    await find.fill('YNABServerError');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toMatch(/– \/ \d+/);
    await find.press('Enter');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toMatch(/^\s*1 \/ \d+/);
    await expect(page.locator('article.current').count()).resolves.toBe(1);
    expect(await page.locator('article.current').textContent()).toContain('YNABServerError');
    await find.fill('');

    const kinds = () => kindsShown(page.getByTestId('timeline'));
    const all = await kinds();
    await page.getByRole('button', { name: 'File ops', exact: true }).click();
    await expect.poll(kinds).toEqual(['FileEdit', 'FileRead']);
    // Key 4 toggles the fourth kind, File ops, off again.
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('4');
    await expect.poll(kinds).toEqual(all);
    await page.getByRole('button', { name: 'Errors only' }).click();
    await expect.poll(() => page.locator('article:not(.error)').count()).toBe(0);
  });

  it('exports Markdown (redacted) and the raw HAIL file', async () => {
    await open('bash');
    await page.getByText('Export', { exact: true }).click();
    const [md] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /Markdown/ }).click(),
    ]);
    expect(md.suggestedFilename()).toMatch(/\.md$/);
    const text = await readDownload(md);
    expect(text).toContain('#');
    await page.getByText('Export', { exact: true }).click();
    const [raw] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /HAIL/ }).click(),
    ]);
    expect(raw.suggestedFilename()).toMatch(/\.hail\.jsonl$/);
    const first = JSON.parse((await readDownload(raw)).split('\n')[0] as string);
    expect(first).toMatchObject({ type: 'header', session_id: (sessions.bash as Session).session_id });
  });

  it('shows a handoff briefing', async () => {
    await open('bash');
    await page.getByRole('button', { name: 'Handoff' }).click();
    const dialog = page.getByRole('dialog', { name: 'Handoff briefing' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/objective|Objective/);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('lets the owner delete a session, and only the owner', async () => {
    const other = await createAccount(server.url, 'notowner');
    const victim = await uploadSession(server.url, owner.token, sessions.codex as Session, { visibility: 'public' });
    const { context: ctx2, page: p2 } = await newWatchedPage(browser);
    await loginThroughUi(p2, server.url, other);
    await p2.goto(`${server.url}/session/${victim}`);
    await p2.getByTestId('session-title').waitFor();
    expect(await p2.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await ctx2.close();

    await page.goto(`${server.url}/session/${victim}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this session?' });
    await dialog.getByRole('button', { name: 'Delete session' }).click();
    await page.waitForURL(`${server.url}/sessions`);
    const gone = await http(server.url, 'GET', `/api/sessions/${victim}`, { token: owner.token });
    expect(gone.status).toBe(404);
    expect(problems).toEqual([]);
  });
});
