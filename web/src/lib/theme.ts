export type Theme = 'light' | 'dark';

// Only the colour preference is stored in the browser; never anything secret.
const KEY = 'opensession-theme';

export function preferredTheme(stored: string | null, prefersDark: boolean): Theme {
  if (stored === 'light' || stored === 'dark') return stored;
  return prefersDark ? 'dark' : 'light';
}

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function initialTheme(): Theme {
  return preferredTheme(read(), window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
}

export function applyTheme(theme: Theme, remember = false): void {
  document.documentElement.dataset.theme = theme;
  if (!remember) return;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Private browsing may refuse storage: the theme still applies for this page.
  }
}
