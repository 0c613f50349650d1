import { isServerPath, matchRoute, type RouteMatch } from './routes.js';

interface Location {
  path: string;
  search: string;
  hash: string;
  route: RouteMatch;
}

function current(): Location {
  const { pathname, search, hash } = window.location;
  return { path: pathname, search, hash, route: matchRoute(pathname) };
}

/** The browser's location, reactive: pages read it, `navigate` changes it. */
export const location: Location = $state(current());

function sync(): void {
  Object.assign(location, current());
}

/** Moves to an in-app URL without reloading; scrolls to the top for a new page. */
export function navigate(href: string, opts: { replace?: boolean; keepScroll?: boolean } = {}): void {
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const samePage = url.pathname === window.location.pathname;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  sync();
  if (!samePage && !opts.keepScroll) window.scrollTo(0, 0);
}

/** Updates the query string of the current page (shareable filters) without a new history entry. */
export function setSearch(search: URLSearchParams, opts: { push?: boolean } = {}): void {
  const qs = search.toString();
  const href = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
  navigate(href, { replace: !opts.push, keepScroll: true });
}

function isPlainLeftClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}

/** Same-origin links become client-side navigations; downloads, new tabs and other sites do not. */
export function installRouter(): () => void {
  const onClick = (e: MouseEvent) => {
    if (!isPlainLeftClick(e)) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download') || a.dataset.external !== undefined) return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin || isServerPath(url.pathname)) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', sync);
  window.addEventListener('hashchange', sync);
  return () => {
    document.removeEventListener('click', onClick);
    window.removeEventListener('popstate', sync);
    window.removeEventListener('hashchange', sync);
  };
}
