import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
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
import { fileTransfer } from './in-page.js';
import { CORPUS_FILES, corpusSession, handmadeSession, textEvent } from './sessions-fixture.js';

// Built at run time so no secret-shaped literal sits in the repository.
const SECRET = ['ghp', 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2'].join('_');

describe('web app: upload', () => {
  let server: TestServer;
  let browser: Browser;
  let user: Account;
  let dir: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    user = await createAccount(server.url, 'uploader');
    dir = mkdtempSync(path.join(tmpdir(), 'opensession-web-upload-'));
    const write = (name: string, text: string) => {
      files[name] = path.join(dir, name);
      writeFileSync(files[name], text);
    };
    write('bash.hail.jsonl', toHailJsonl(await corpusSession(CORPUS_FILES.bash)));
    write('subagent.hail.jsonl', toHailJsonl(await corpusSession(CORPUS_FILES.subagent)));
    write(
      'secret.hail.jsonl',
      toHailJsonl(
        handmadeSession('with-secret', 'Session with a secret', [
          textEvent('UserMessage', 'deploy from /home/alice/work/app please'),
          textEvent('AgentMessage', `I used the token ${SECRET} to push`),
        ]),
      ),
    );
    write('broken.jsonl', '{"type":"event","event_id":"x"}\n');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes several files, previews redaction, uploads each with its own result', async () => {
    const team = await http(server.url, 'POST', '/api/teams', { token: user.token, json: { name: 'Uploaders' } });
    const { context, page, problems } = await newWatchedPage(browser);
    await loginThroughUi(page, server.url, user);
    await page.goto(`${server.url}/upload`);
    await page
      .getByLabel('Team', { exact: true })
      .locator('option', { hasText: 'Uploaders' })
      .waitFor({ state: 'attached' });
    await page.getByTestId('file-input').setInputFiles(Object.values(files));

    const entries = page.getByTestId('upload-entry');
    await expect.poll(() => entries.count()).toBe(4);
    const broken = entries.filter({ hasText: 'broken.jsonl' });
    await expect.poll(() => broken.getAttribute('data-status')).toBe('failed');
    expect(await broken.textContent()).toMatch(/broken\.jsonl: line 1: expected the header line first/);

    const secret = entries.filter({ hasText: 'secret.hail.jsonl' });
    await expect.poll(() => secret.getAttribute('data-status')).toBe('ready');
    const preview = secret.getByTestId('privacy-preview');
    expect(await preview.locator('summary').textContent()).toMatch(/1 secret and [1-9]\d* paths? or env values?/);
    await preview.locator('summary').click();
    expect(await preview.textContent()).toContain('~/work/app');
    expect(await page.content()).not.toContain(SECRET);
    await page.screenshot({ path: screenshotPath('upload-preview'), fullPage: true });

    await page.getByLabel('Who can see them').selectOption('team');
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Uploaders' });
    await page.getByRole('button', { name: 'Upload 3 files' }).click();
    for (const name of ['bash.hail.jsonl', 'subagent.hail.jsonl', 'secret.hail.jsonl'])
      await expect.poll(() => entries.filter({ hasText: name }).getAttribute('data-status')).toBe('done');
    expect(await broken.getAttribute('data-status')).toBe('failed');

    const list = await http(server.url, 'GET', `/api/sessions?team_id=${team.body.id}`, { token: user.token });
    expect(list.body.total).toBe(3);
    const uploaded = list.body.sessions.find((s: { session_id: string }) => s.session_id === 'with-secret');
    const raw = await http(server.url, 'GET', `/api/sessions/${uploaded.id}/raw`, { token: user.token });
    expect(raw.body).not.toContain(SECRET);
    expect(raw.body).not.toContain('/home/alice');
    expect(raw.body).toContain('[REDACTED:');

    await secret.getByRole('link', { name: 'Open' }).click();
    await page.waitForURL(/\/session\//);
    await page.getByTestId('timeline').locator('article').first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('accepts files dropped on the page', async () => {
    const { context, page } = await newWatchedPage(browser);
    await loginThroughUi(page, server.url, user);
    await page.goto(`${server.url}/upload`);
    const text = toHailJsonl(handmadeSession('dropped', 'Dropped session', [textEvent('UserMessage', 'dropped here')]));
    const transfer = await fileTransfer(page, 'dropped.hail.jsonl', text);
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    const entry = page.getByTestId('upload-entry');
    await expect.poll(() => entry.getAttribute('data-status')).toBe('ready');
    await page.getByRole('button', { name: 'Upload 1 file' }).click();
    await expect.poll(() => entry.getAttribute('data-status')).toBe('done');
    expect(await entry.textContent()).toContain('Uploaded');
    // The same file again updates the session in place.
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    const again = page.getByTestId('upload-entry').nth(1);
    await expect.poll(() => again.getAttribute('data-status')).toBe('ready');
    await page.getByRole('button', { name: 'Upload 1 file' }).click();
    await expect.poll(() => again.textContent()).toContain('Updated');
    await context.close();
  });
});
