import type { JSHandle, Locator, Page } from 'playwright-core';

// Code that runs inside the page. The test project is typed for Node, without the DOM library,
// so each function casts `globalThis` or its element to the few browser shapes it uses. (The
// functions are serialized into the page: they cannot call helpers from this module.)

interface El {
  tagName: string;
  textContent: string | null;
  scrollHeight: number;
  scrollWidth: number;
  clientWidth: number;
  width: number;
  height: number;
  open: boolean;
  getAttribute(name: string): string | null;
  getAttributeNames(): string[];
  getBoundingClientRect(): { top: number; bottom: number };
  closest(selector: string): El | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): El[];
  scrollTo(opts: { top: number }): void;
  click(): void;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}

interface Win {
  __xss?: unknown;
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  document: {
    cookie: string;
    body: El;
    documentElement: El;
    activeElement: El | null;
    getElementById(id: string): El | null;
    querySelectorAll(selector: string): El[];
  };
  getComputedStyle(el: El): { display: string };
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: string[], name: string, opts: { type: string }) => unknown;
}

export const scrollToEnd = (l: Locator) =>
  l.evaluate((node) => {
    const el = node as unknown as El;
    el.scrollTo({ top: el.scrollHeight });
  });

/** Everything in local and session storage, as JSON. */
export const webStorage = (p: Page) =>
  p.evaluate(() => {
    const w = globalThis as unknown as Win;
    return JSON.stringify({ ...w.localStorage, ...w.sessionStorage });
  });

/** Cookies a script can read (an http-only one is not among them). */
export const scriptCookies = (p: Page) => p.evaluate(() => (globalThis as unknown as Win).document.cookie);

export const focusedTestId = (p: Page) =>
  p.evaluate(() => (globalThis as unknown as Win).document.activeElement?.getAttribute('data-testid') ?? null);

/** True when the element's top edge is inside its scrolling timeline's visible area. */
export const topIsInTimelineView = (l: Locator) =>
  l.evaluate((node) => {
    const el = node as unknown as El;
    const box = el.getBoundingClientRect();
    const view = el.closest('[data-testid="timeline"]')?.getBoundingClientRect();
    return !!view && box.top >= view.top - 1 && box.top < view.bottom;
  });

/** The distinct event kinds drawn in a timeline, sorted. */
export const kindsShown = (timeline: Locator) =>
  timeline
    .locator('article')
    .evaluateAll((nodes) =>
      [...new Set((nodes as unknown as El[]).map((e) => e.getAttribute('data-kind') ?? ''))].sort(),
    );

/** True once something was drawn on a canvas. */
export const canvasHasInk = (l: Locator) =>
  l.evaluate((node) => {
    const c = node as unknown as El;
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    return Array.prototype.some.call(px, (v: number) => v !== 0);
  });

/** True when the page is wider than the window (sideways scrolling on a phone). */
export const pageOverflowsWidth = (p: Page) =>
  p.evaluate(() => {
    const root = (globalThis as unknown as Win).document.documentElement;
    return root.scrollWidth > root.clientWidth + 1;
  });

/** A DataTransfer holding one file, for dispatching a drop event. */
export const fileTransfer = (p: Page, name: string, content: string): Promise<JSHandle> =>
  p.evaluateHandle(
    ([fileName, text]) => {
      const w = globalThis as unknown as Win;
      const dt = new w.DataTransfer();
      dt.items.add(new w.File([text], fileName, { type: 'application/jsonl' }));
      return dt;
    },
    [name, content] as const,
  );

/** Opens every <details> and clicks every "Show all/more" button, so all content is in the DOM. */
export const unfoldAll = (p: Page) =>
  p.evaluate(() => {
    const d = (globalThis as unknown as Win).document;
    for (const el of d.querySelectorAll('details')) el.open = true;
    for (const b of d.querySelectorAll('button')) if (/^Show (all|more)/.test(b.textContent?.trim() ?? '')) b.click();
  });

/**
 * Anything an injected payload could have left in the page or done: a global it set, event
 * handler attributes, script-capable URLs, active elements, remote or SVG images, hidden body.
 */
export const injectedTraces = (p: Page) =>
  p.evaluate(() => {
    const w = globalThis as unknown as Win;
    const found: string[] = [];
    if (w.__xss !== undefined) found.push('window.__xss was set');
    const app = w.document.getElementById('app');
    if (!app) return ['no #app'];
    for (const el of app.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) if (attr.startsWith('on')) found.push(`${el.tagName} has ${attr}`);
      const url = el.getAttribute('href') ?? el.getAttribute('xlink:href') ?? el.getAttribute('src') ?? '';
      if (/^\s*(javascript|data:text|vbscript)/i.test(url)) found.push(`${el.tagName} points to ${url.slice(0, 40)}`);
      if (el.tagName === 'IMG' && /^data:image\/svg/i.test(url)) found.push('svg image loaded');
      if (el.tagName === 'IMG' && /^https?:/i.test(url)) found.push('remote image loaded');
    }
    const active = ['script', 'iframe', 'object', 'embed', 'base', 'meta', 'form[action]', 'style', 'svg', 'math'];
    for (const sel of [...active, 'input[autofocus]']) if (app.querySelector(sel)) found.push(`<${sel}> in the page`);
    if (w.document.querySelectorAll('script:not([src])').length) found.push('inline script in document');
    if (w.getComputedStyle(w.document.body).display === 'none') found.push('body hidden by injected CSS');
    return found;
  });
