import type { ScreenLine, Segment } from './segments.js';
import { cell } from './text.js';
import type { Size } from './use-terminal-size.js';

export const TABS = [
  { key: '1', id: 'sessions', title: 'Sessions' },
  { key: '2', id: 'stats', title: 'Stats' },
  { key: '3', id: 'teams', title: 'Teams' },
  { key: '4', id: 'settings', title: 'Settings' },
] as const;
export type Tab = (typeof TABS)[number]['id'];

/** The app's frame: the terminal's width, one row short of its height, the tab bar on top. */
export function appLayout(size: Size): { width: number; height: number; body: number } {
  const width = Math.max(20, size.columns);
  // A frame as tall as the screen makes Ink clear the terminal on every redraw.
  const height = Math.max(6, size.rows - 1);
  return { width, height, body: height - 1 };
}

export function tabBarLine(tab: Tab, width: number): ScreenLine {
  const segments: Segment[] = [];
  for (const t of TABS) {
    segments.push({ text: ` ${t.key} ${t.title} `, inverse: t.id === tab, bold: t.id === tab });
    segments.push({ text: ' ' });
  }
  const used = TABS.reduce((n, t) => n + t.title.length + 5, 0);
  segments.push({ text: cell('opensession · ? help', Math.max(0, width - used), 'right'), tone: 'muted' });
  return { segments };
}
