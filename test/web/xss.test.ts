import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HailEvent, Session } from '../../src/hail/session.js';
import { http, type TestServer } from '../support/server-harness.js';
import {
  type Account,
  createAccount,
  launchBrowser,
  loginThroughUi,
  screenshotPath,
  startWebServer,
} from './harness.js';
import { injectedTraces, scrollToEnd, unfoldAll } from './in-page.js';
import { handmadeSession, uploadSession } from './sessions-fixture.js';

/** Each payload, if it ever ran, would set window.__xss or open a dialog. */
const PAYLOADS = [
  '<script>window.__xss=1;alert(1)</script>',
  '<img src=x onerror="window.__xss=1;alert(2)">',
  '"><img src=x onerror=window.__xss=1>',
  "'><svg onload=window.__xss=1>",
  '<svg><script>window.__xss=1</script></svg>',
  '<svg><a xlink:href="javascript:window.__xss=1"><text x="0" y="20">svg link</text></a></svg>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<details open ontoggle=window.__xss=1>x</details>',
  '<a href="javascript:window.__xss=1">js link</a>',
  '<a href="data:text/html,<script>alert(3)</script>">data link</a>',
  '[md link](javascript:window.__xss=1)',
  '![md image](javascript:window.__xss=1)',
  '![tracker](https://tracker.invalid/pixel.png)',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1></style></mglyph></table></mtext></math>',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  '<object data="javascript:window.__xss=1"></object><embed src="javascript:window.__xss=1">',
  '<base href="https://evil.invalid/"><meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<style>body{display:none}</style><div style="position:fixed;inset:0;background:red">overlay</div>',
  '<input autofocus onfocus=window.__xss=1>',
  '{{constructor.constructor("window.__xss=1")()}}',
].join('\n\n');

const SVG_SCRIPT = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>window.__xss=1</script></svg>').toString('base64')}`;

let n = 0;
const at = () => new Date(Date.parse('2026-01-05T10:00:00Z') + n * 1000).toISOString();
function ev(
  event_type: HailEvent['event_type'],
  blocks: HailEvent['content']['blocks'],
  extra: Partial<HailEvent> = {},
): HailEvent {
  n++;
  return { event_id: `xss-${n}`, timestamp: at(), event_type, content: { blocks }, ...extra };
}
const text = (t: string) => [{ type: 'Text' as const, text: t }];

/** Payloads in every place a session carries text: messages, tool input and output, paths, commands, urls, titles. */
function hostileSession(): Session {
  const title = `<img src=x onerror=window.__xss=1> "><script>alert(4)</script> title`;
  const events: HailEvent[] = [
    ev({ type: 'UserMessage' }, text(`Please look at this:\n\n${PAYLOADS}`)),
    ev({ type: 'Thinking' }, text(PAYLOADS)),
    ev({ type: 'SystemMessage' }, text(PAYLOADS)),
    ev({ type: 'AgentMessage' }, text(PAYLOADS), { attributes: { model: '<img src=x onerror=window.__xss=1>' } }),
    ev({ type: 'ToolCall', data: { name: '<script>window.__xss=1</script>' } }, [
      { type: 'Json', data: { payload: PAYLOADS } },
    ]),
    ev(
      { type: 'ToolResult', data: { name: '<script>window.__xss=1</script>', is_error: true, call_id: `xss-${n}` } },
      text(PAYLOADS),
    ),
    ev({ type: 'FileRead', data: { path: '/tmp/"><img src=x onerror=window.__xss=1>.ts' } }, text(PAYLOADS)),
    ev(
      {
        type: 'FileEdit',
        data: {
          path: '<svg onload=window.__xss=1>.js',
          diff: `--- a\n+++ b\n@@ -1 +1 @@\n-<script>window.__xss=1</script>\n+<img src=x onerror=window.__xss=1>`,
        },
      },
      [],
    ),
    ev(
      { type: 'ShellCommand', data: { command: 'echo "<script>window.__xss=1</script>"', exit_code: 2 } },
      text(PAYLOADS),
    ),
    ev({ type: 'WebFetch', data: { url: 'javascript:window.__xss=1' } }, text(PAYLOADS)),
    ev({ type: 'TaskStart', data: { title: '<img src=x onerror=window.__xss=1>' } }, text(PAYLOADS), {
      task_id: 't-xss',
    }),
    ev({ type: 'TaskEnd', data: { summary: PAYLOADS } }, [], { task_id: 't-xss' }),
    ev({ type: 'Custom', data: { kind: '<img src=x onerror=window.__xss=1>' } }, text(PAYLOADS)),
    ev({ type: 'AgentMessage' }, [
      {
        type: 'Image',
        url: 'javascript:window.__xss=1',
        mime: 'image/png',
        alt: '"><img src=x onerror=window.__xss=1>',
      },
      { type: 'Image', url: SVG_SCRIPT, mime: 'image/svg+xml' },
      { type: 'Reference', uri: 'javascript:window.__xss=1', media_type: 'text/html' },
      { type: 'File', path: '<script>window.__xss=1</script>', content: PAYLOADS },
      { type: 'Code', code: PAYLOADS, language: '"><script>window.__xss=1</script>' },
      { type: 'Video', url: 'javascript:window.__xss=1', mime: 'video/mp4' },
    ]),
  ];
  const s = handmadeSession('xss-session', title, events);
  return {
    ...s,
    agent: { provider: '<b>p</b>', model: '<img src=x onerror=window.__xss=1>', tool: '<script>alert(5)</script>' },
    context: { ...s.context, description: PAYLOADS, tags: ['<img src=x onerror=window.__xss=1>'] },
  };
}

describe('web app: session content cannot run script', () => {
  let server: TestServer;
  let browser: Browser;
  let user: Account;
  let id: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    user = await createAccount(server.url, 'target');
    id = await uploadSession(server.url, user.token, hostileSession());
    const team = await http(server.url, 'POST', '/api/teams', {
      token: user.token,
      json: { name: '<img src=x onerror=window.__xss=1>', description: PAYLOADS },
    });
    await uploadSession(
      server.url,
      user.token,
      { ...hostileSession(), session_id: 'xss-team' },
      { team_id: team.body.id },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the payloads as text everywhere, with the CSP switched off so only the app defends', async () => {
    // bypassCSP: the server's Content-Security-Policy would stop inline script anyway; this checks
    // that nothing gets as far as needing it.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await loginThroughUi(page, server.url, user);

    await page.goto(`${server.url}/sessions`);
    await page.getByTestId('session-list').locator('article').first().waitFor();
    expect(await injectedTraces(page)).toEqual([]);

    await page.goto(`${server.url}/session/${id}`);
    await page.getByTestId('timeline').locator('article').first().waitFor();
    // Unfold everything so every payload is in the DOM.
    await unfoldAll(page);
    await scrollToEnd(page.getByTestId('timeline'));
    await page.getByTestId('find-input').fill('onerror');
    await page.getByTestId('find-input').press('Enter');
    expect(await page.getByTestId('timeline').textContent()).toContain('<img src=x onerror=window.__xss=1>');
    expect(await injectedTraces(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('xss-session') });

    await page.getByRole('button', { name: 'Handoff' }).click();
    await page.getByRole('dialog', { name: 'Handoff briefing' }).waitFor();
    expect(await injectedTraces(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/teams`);
    await page.getByTestId('team-list').locator('a').first().click();
    await page.waitForURL(/\/teams\//);
    await page.getByRole('heading', { name: 'Latest sessions' }).waitFor();
    expect(await injectedTraces(page)).toEqual([]);

    await page.goto(`${server.url}/session/${id}#${encodeURIComponent('"><img src=x onerror=window.__xss=1>')}`);
    await page.getByTestId('timeline').locator('article').first().waitFor();
    expect(await injectedTraces(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
