import { type Key, useInput } from 'ink';
import { parseMouse, WHEEL_LINES } from './mouse.js';

/**
 * A key press by name: `down`, `pagedown`, `enter`, `esc`, `ctrl+d`, `wheeldown`, or the character typed
 * (`j`, `G`, `?`). Screens match names, so arrows and vim keys are bound the same way.
 */
export interface KeyPress {
  name: string;
  /** The text typed (what a prompt appends), empty for special keys. */
  input: string;
}

const SPECIAL: [keyof Key, string][] = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'enter'],
  ['escape', 'esc'],
  ['tab', 'tab'],
  ['backspace', 'backspace'],
  ['delete', 'backspace'],
];

export function keyPress(input: string, key: Key): KeyPress {
  for (const [flag, name] of SPECIAL)
    if (key[flag]) return { name: key.shift && name === 'tab' ? 'shift+tab' : name, input: '' };
  if (key.ctrl && input) return { name: `ctrl+${input.toLowerCase()}`, input: '' };
  return { name: input, input };
}

const IN_CHUNK: Record<string, string> = {
  '\r': 'enter',
  '\n': 'enter',
  '\u007f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
};

/**
 * The key presses in one read from the terminal. Ink hands over a chunk of several characters
 * as one input (a paste, fast typing, tmux send-keys): `bun⏎` must act as four keys, not as
 * text that happens to contain a newline.
 */
export function keyPresses(input: string, key: Key): KeyPress[] {
  // A mouse report is one key (a wheel notch) or none: its characters must not be typed.
  const mouse = parseMouse(input);
  if (mouse) return mouse.kind === 'wheel' ? [{ name: `wheel${mouse.direction}`, input: '' }] : [];
  if ([...input].length <= 1 || key.ctrl || key.meta) return [keyPress(input, key)];
  return [...input].map((ch) => (IN_CHUNK[ch] ? { name: IN_CHUNK[ch], input: '' } : { name: ch, input: ch }));
}

/** One line of the help overlay and the keys that trigger an action. */
export interface Binding<A extends string> {
  keys: readonly string[];
  /** How the keys are shown in the help, when not simply listed. */
  label?: string;
  action: A;
  help: string;
}

/** The action bound to a key press, if any. */
export function actionOf<A extends string>(bindings: readonly Binding<A>[], k: KeyPress): A | undefined {
  return bindings.find((b) => b.keys.includes(k.name))?.action;
}

const SHOWN: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift+tab': 'S-Tab',
  'ctrl+d': 'C-d',
  'ctrl+u': 'C-u',
  wheeldown: 'wheel',
  ' ': 'Space',
};

export function bindingLabel(b: Binding<string>): string {
  return b.label ?? b.keys.map((k) => SHOWN[k] ?? k).join(' ');
}

/** Movement keys shared by every scrolling screen. */
export type MoveAction =
  | 'down'
  | 'up'
  | 'pagedown'
  | 'pageup'
  | 'halfdown'
  | 'halfup'
  | 'top'
  | 'bottom'
  | 'wheeldown'
  | 'wheelup';

export const MOVE_KEYS: readonly Binding<MoveAction>[] = [
  { keys: ['j', 'down'], label: 'j k ↓ ↑', action: 'down', help: 'move down / up' },
  { keys: ['k', 'up'], label: '', action: 'up', help: '' },
  { keys: ['pagedown', 'ctrl+f'], label: 'PgDn PgUp C-f C-b', action: 'pagedown', help: 'page down / up' },
  { keys: ['pageup', 'ctrl+b'], label: '', action: 'pageup', help: '' },
  { keys: ['ctrl+d'], label: 'C-d C-u', action: 'halfdown', help: 'half page down / up' },
  { keys: ['ctrl+u'], label: '', action: 'halfup', help: '' },
  { keys: ['g', 'home'], label: 'g G Home End', action: 'top', help: 'first / last' },
  { keys: ['G', 'end'], label: '', action: 'bottom', help: '' },
  {
    keys: ['wheeldown'],
    action: 'wheeldown',
    help: `scroll ${WHEEL_LINES} lines (OPENSESSION_NO_MOUSE=1 turns the mouse off)`,
  },
  { keys: ['wheelup'], label: '', action: 'wheelup', help: '' },
];

/** The new cursor for a movement, before clamping. */
export function moveTarget(action: MoveAction, cursor: number, total: number, page: number): number {
  switch (action) {
    case 'down':
      return cursor + 1;
    case 'up':
      return cursor - 1;
    case 'pagedown':
      return cursor + page;
    case 'pageup':
      return cursor - page;
    case 'halfdown':
      return cursor + Math.max(1, Math.floor(page / 2));
    case 'halfup':
      return cursor - Math.max(1, Math.floor(page / 2));
    case 'top':
      return 0;
    case 'bottom':
      return total - 1;
    case 'wheeldown':
      return cursor + WHEEL_LINES;
    case 'wheelup':
      return cursor - WHEEL_LINES;
  }
}

/** useInput, one call per key press (see keyPresses). */
export function useKeys(handler: (k: KeyPress) => void, isActive = true): void {
  useInput(
    (input, key) => {
      for (const k of keyPresses(input, key)) handler(k);
    },
    { isActive },
  );
}
