import { jumpTo, moveTo, START, type Viewport } from '../viewport.js';
import type { DetailLayout, DetailLine } from './detail-lines.js';

export interface DetailState {
  view: Viewport;
  /** Events whose open/closed state the user flipped from the default. */
  toggled: ReadonlySet<number>;
  /** `x`: every event open (flips of `toggled` still apply). */
  allOpen: boolean;
  /** A prompt taking every key: the find text, the export format, or the upload's confirmation. */
  prompt: 'none' | DetailPrompt;
  /** The find text being typed. */
  draft: string;
  /** The find text in effect (`n`/`N` move between its matches). */
  found: string;
  /** Events opened because they contain `found`. */
  foundEvents: ReadonlySet<number>;
  /** One-line feedback of the last action, shown in the status line. */
  message?: string;
}

export const INITIAL_DETAIL: DetailState = {
  view: START,
  toggled: new Set(),
  allOpen: false,
  prompt: 'none',
  draft: '',
  found: '',
  foundEvents: new Set(),
};

export type DetailPrompt = 'find' | 'export' | 'upload';

export type DetailAction =
  | { type: 'move'; to: number; total: number; height: number; jump?: boolean }
  | { type: 'toggle'; event: number }
  | { type: 'toggle-all' }
  | { type: 'prompt'; prompt: DetailPrompt }
  | { type: 'type'; text: string }
  | { type: 'erase' }
  | { type: 'cancel' }
  | { type: 'found'; text: string; events: ReadonlySet<number> }
  | { type: 'message'; text: string | undefined };

function flip(set: ReadonlySet<number>, n: number): Set<number> {
  const out = new Set(set);
  if (!out.delete(n)) out.add(n);
  return out;
}

export function detailReducer(s: DetailState, a: DetailAction): DetailState {
  switch (a.type) {
    case 'move':
      return { ...s, view: (a.jump ? jumpTo : moveTo)(s.view, a.to, a.total, a.height) };
    case 'toggle':
      return { ...s, toggled: flip(s.toggled, a.event) };
    case 'toggle-all':
      return { ...s, allOpen: !s.allOpen, toggled: new Set() };
    case 'prompt':
      return { ...s, prompt: a.prompt, draft: a.prompt === 'find' ? s.found : s.draft, message: undefined };
    case 'type':
      return { ...s, draft: s.draft + a.text };
    case 'erase':
      return { ...s, draft: [...s.draft].slice(0, -1).join('') };
    case 'cancel':
      return { ...s, prompt: 'none', message: undefined };
    case 'found':
      return { ...s, prompt: 'none', found: a.text, foundEvents: a.events };
    case 'message':
      return { ...s, message: a.text };
  }
}

/** Whether an event shows its body in state `s`. */
export function openPredicate(layout: DetailLayout, s: DetailState): (event: number) => boolean {
  return (i) => (s.allOpen || layout.isOpenByDefault(i) || s.foundEvents.has(i)) !== s.toggled.has(i);
}

/** Events whose header or body contains `text` (case-insensitive), opened or not. */
export function eventsContaining(layout: DetailLayout, text: string, width: number): Set<number> {
  const needle = text.toLowerCase();
  const found = new Set<number>();
  if (!needle) return found;
  const all = layout.layout(width, () => true);
  for (const line of all.lines) if (line.text.toLowerCase().includes(needle)) found.add(line.event);
  return found;
}

/** Indices of the lines containing `text` (case-insensitive). */
export function matchingLines(lines: readonly DetailLine[], text: string): number[] {
  const needle = text.toLowerCase();
  if (!needle) return [];
  const out: number[] = [];
  for (const [i, l] of lines.entries()) if (l.text.toLowerCase().includes(needle)) out.push(i);
  return out;
}

/** The next (dir 1) or previous (dir -1) value of an ascending list after `from`; at either end, wraps or stays. */
export function nextAfter(sorted: readonly number[], from: number, dir: 1 | -1, wrap: boolean): number | undefined {
  if (dir === 1) return sorted.find((n) => n > from) ?? (wrap ? sorted[0] : undefined);
  for (let i = sorted.length - 1; i >= 0; i--) if (sorted[i]! < from) return sorted[i];
  return wrap ? sorted.at(-1) : undefined;
}
