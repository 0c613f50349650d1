import { ansiLine } from './ansi.js';
import { appLayout, tabBarLine } from './layout.js';
import { listScreen } from './list/list-screen.js';
import { filtersOf, INITIAL_LIST } from './list/list-state.js';
import type { TuiServices } from './services.js';
import { themeFor } from './theme.js';
import type { Size } from './use-terminal-size.js';

/**
 * The UI's opening screen (the session list) as terminal text, built from the same screen
 * data Ink draws, so it can be on the terminal before Ink and React have loaded.
 */
export function firstFrame(
  services: TuiServices,
  env: Readonly<Record<string, string | undefined>>,
  size: Size,
): string {
  const theme = themeFor(env);
  const { width, body } = appLayout(size);
  const now = services.now();
  const state = INITIAL_LIST;
  const source = services.sessions({ filters: filtersOf(state, now), sort: state.sort });
  const screen = listScreen(
    state,
    { source, hits: null, searchFor: '', pending: false, capped: false },
    { width, height: body, now, theme },
  );
  return [tabBarLine('sessions', width), ...screen.lines].map((l) => ansiLine(l, theme)).join('\n');
}
