import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEFAULT_WEB_DIR } from '../../src/server/config.js';
import { http, startTestServer, type TestServer } from '../support/server-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEB_DIR = DEFAULT_WEB_DIR;
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'web');
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/api', 'src/hail'].map((p) =>
  path.join(ROOT, p),
);
const LOCK = path.join(ROOT, 'dist', '.web-build.lock');
const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function buildIsFresh(): boolean {
  const index = path.join(WEB_DIR, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.every((s) => !existsSync(s) || newestMtime(s) <= built);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the web app into the package (as `npm run build` does) unless the build is newer than
 * every source. Test files run in parallel: a lock directory lets one build while others wait.
 */
export async function ensureWebBuild(): Promise<void> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    if (buildIsFresh()) return;
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Taken: a stale lock (a killed run) is broken after two minutes.
      if (waited > 120_000) rmdirSync(LOCK);
      await sleep(200);
    }
  }
  try {
    if (!buildIsFresh())
      execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
  } finally {
    rmdirSync(LOCK);
  }
}

export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('chromium is not installed: apt-get install -y chromium');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The server with the built web app, over a temp SQLite data dir. */
export async function startWebServer(): Promise<TestServer> {
  await ensureWebBuild();
  return startTestServer('sqlite', { configure: (c) => ({ ...c, webDir: WEB_DIR }) });
}

export interface Account {
  email: string;
  password: string;
  nickname: string;
  token: string;
  userId: string;
}

let counter = 0;

/** A user registered through the API (the UI's register form has its own test). */
export async function createAccount(base: string, nickname = `user${Date.now().toString(36)}${counter++}`) {
  const email = `${nickname}@example.com`;
  const password = 'correct horse battery';
  const r = await http(base, 'POST', '/api/auth/register', { json: { email, password, nickname } });
  if (r.status !== 201) throw new Error(`register ${nickname}: ${r.status} ${JSON.stringify(r.body)}`);
  return { email, password, nickname, token: r.body.access_token as string, userId: r.body.user_id as string };
}

/** Logs in through the form, the way a person does, and waits for the signed-in nav. */
export async function loginThroughUi(page: Page, base: string, a: Account): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(a.email);
  await page.getByLabel('Password').fill(a.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  // Attached, not visible: on a phone the nav sits behind its menu button.
  await page.getByTestId('nav-user').filter({ hasText: a.nickname }).waitFor({ state: 'attached' });
}

/** A fresh context (own cookies) whose page fails the test on any dialog or page error. */
export async function newWatchedPage(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  if (process.env.WEB_DEBUG) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
  return { context, page, problems };
}

export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, `${name}.png`);
}
