import type { Browser, Request } from 'playwright-core';
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
import { canvasHasInk } from './in-page.js';
import { CORPUS_FILES, corpusSession, uploadSession } from './sessions-fixture.js';

describe('web app: teams, invitations and settings', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Account;
  let invitee: Account;
  let keyHolder: Account;
  let teamUrl = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    admin = await createAccount(server.url, 'captain');
    invitee = await createAccount(server.url, 'invitee');
    keyHolder = await createAccount(server.url, 'keyholder');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a team, invites by email, and the invitee accepts from the inbox badge', async () => {
    const a = await newWatchedPage(browser);
    await loginThroughUi(a.page, server.url, admin);
    await a.page.goto(`${server.url}/teams`);
    await a.page.getByLabel('Team name').fill('Platform');
    await a.page.getByLabel('Description').fill('The platform crew');
    await a.page.getByRole('button', { name: 'Create team' }).click();
    await a.page.waitForURL(/\/teams\/[^/]+$/);
    teamUrl = a.page.url();
    await a.page.getByRole('heading', { name: 'Platform' }).waitFor();

    await a.page.getByLabel('Email', { exact: true }).fill(invitee.email);
    await a.page.getByRole('button', { name: 'Send invitation' }).click();
    await a.page.getByText(`Invitation sent to ${invitee.email}.`).waitFor();
    await a.page.getByText(`${invitee.email} as member`).waitFor();

    const b = await newWatchedPage(browser);
    await loginThroughUi(b.page, server.url, invitee);
    const inbox = b.page.getByRole('link', { name: /Inbox/ });
    await expect.poll(() => inbox.textContent()).toContain('1');
    await inbox.click();
    await b.page.getByText('captain invites you to Platform as member.').waitFor();
    await b.page.screenshot({ path: screenshotPath('invitations') });
    await b.page.getByRole('button', { name: 'Accept' }).click();
    await b.page.getByText('You joined').waitFor();
    await expect.poll(() => inbox.textContent()).not.toContain('1');

    await a.page.reload();
    await expect.poll(() => a.page.getByTestId('members').locator('tbody tr').count()).toBe(2);
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('makes a single-use invite key that another user redeems', async () => {
    const a = await newWatchedPage(browser);
    await loginThroughUi(a.page, server.url, admin);
    await a.page.goto(teamUrl);
    await a.page.getByRole('button', { name: 'Create key' }).click();
    const key = (await a.page.getByTestId('new-invite-key').textContent())?.trim() ?? '';
    expect(key).toMatch(/^ostk_/);

    const c = await newWatchedPage(browser);
    await loginThroughUi(c.page, server.url, keyHolder);
    await c.page.goto(`${server.url}/teams`);
    await c.page.getByLabel('Invite key').fill(key);
    await c.page.getByRole('button', { name: 'Join team' }).click();
    await c.page.waitForURL(teamUrl);
    await c.page.getByRole('heading', { name: 'Platform' }).waitFor();

    // Used: a second redemption fails with a clear message.
    await c.page.goto(`${server.url}/teams`);
    await c.page.getByLabel('Invite key').fill(key);
    await c.page.getByRole('button', { name: 'Join team' }).click();
    await expect.poll(() => c.page.locator('.error-box').count()).toBe(1);
    await a.context.close();
    await c.context.close();
  });

  it('charts the team’s sessions by day, person, tool and model', async () => {
    const teamId = teamUrl.split('/').at(-1) as string;
    for (const file of [CORPUS_FILES.errors, CORPUS_FILES.codex])
      await uploadSession(server.url, admin.token, await corpusSession(file), { team_id: teamId });
    const a = await newWatchedPage(browser);
    await loginThroughUi(a.page, server.url, admin);
    // The default period's answer arrives after the one chosen later: the later choice must win.
    const stale = /\/stats\?time_range=30d/;
    const allAnswered = a.page.waitForResponse(/\/stats\?time_range=all/);
    const staleSettled = new Promise<void>((resolve) => {
      const settled = (r: Request) => stale.test(r.url()) && resolve();
      a.page.on('requestfinished', settled);
      a.page.on('requestfailed', settled);
    });
    await a.page.route(stale, async (route) => {
      await allAnswered;
      await route.continue().catch(() => {});
    });
    await a.page.goto(teamUrl);
    await a.page.getByLabel('Period').selectOption('all');
    await staleSettled;
    await a.page.waitForTimeout(100);
    await expect.poll(() => a.page.locator('figure canvas').count()).toBe(4);
    await expect.poll(() => a.page.locator('.totals dd').first().textContent()).toBe('2');
    // Chart.js drew something: a canvas is no longer blank.
    await expect.poll(() => canvasHasInk(a.page.locator('figure canvas').nth(1))).toBe(true);
    await a.page.screenshot({ path: screenshotPath('team-detail'), fullPage: true });
    expect(a.problems).toEqual([]);
    await a.context.close();
  });

  it('shows a new API key once in settings and changes the password', async () => {
    const a = await newWatchedPage(browser);
    await loginThroughUi(a.page, server.url, invitee);
    await a.page.goto(`${server.url}/settings`);
    await a.page.getByTestId('settings-nickname').filter({ hasText: 'invitee' }).waitFor();
    await a.page.getByRole('button', { name: /Generate a key|Regenerate key/ }).click();
    const replace = a.page.getByRole('button', { name: 'Replace my key' });
    if (await replace.count()) await replace.click();
    const key = (await a.page.getByTestId('api-key').textContent())?.trim() ?? '';
    expect(key).toMatch(/^osk_/);
    await a.page.reload();
    await a.page.getByTestId('settings-nickname').waitFor();
    expect(await a.page.getByTestId('api-key').count()).toBe(0);
    expect(await a.page.content()).not.toContain(key);

    await a.page.getByLabel('Current password').fill('wrong password!');
    await a.page.getByLabel('New password', { exact: true }).fill('a brand new pw');
    await a.page.getByLabel('Repeat new password').fill('a brand new pw');
    await a.page.getByRole('button', { name: 'Change password' }).click();
    await a.page.getByText('current password is wrong').waitFor();
    await a.page.getByLabel('Current password').fill(invitee.password);
    await a.page.getByRole('button', { name: 'Change password' }).click();
    await a.page.getByText('Password changed.').waitFor();
    // Still signed in after a reload: the page signed in again with the new password.
    await a.page.reload();
    await a.page.getByTestId('nav-user').filter({ hasText: 'invitee' }).waitFor();
    await a.page.screenshot({ path: screenshotPath('settings'), fullPage: true });
    await a.context.close();
  });
});
