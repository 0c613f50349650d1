import { Box } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConfigResult } from '../../daemon/config.js';
import { Lines } from '../components/line.js';
import { actionOf, type Binding, type KeyPress, MOVE_KEYS, type MoveAction, moveTarget, useKeys } from '../keys.js';
import { padLines, promptLine, type ScreenLine, statusLine } from '../segments.js';
import { cell, cleanLine } from '../text.js';
import type { Tone } from '../theme.js';
import { useLiveReducer } from '../use-live-reducer.js';
import { moveTo, START, type Viewport } from '../viewport.js';
import { daemonState, type SettingsDeps } from './daemon-state.js';
import {
  fieldName,
  fieldValue,
  nextValue,
  promptText,
  type SettingField,
  settingFields,
  shownValue,
  typedValue,
} from './settings-fields.js';
import { loadSettings, setSetting, type TomlValue } from './settings-file.js';

type SettingsAction = MoveAction | 'edit' | 'start' | 'stop' | 'reload';

export const SETTINGS_KEYS: readonly Binding<SettingsAction>[] = [
  ...MOVE_KEYS,
  { keys: ['enter', ' '], label: 'Enter Space', action: 'edit', help: 'toggle / next choice / type a value' },
  { keys: ['s'], action: 'start', help: 'start the daemon' },
  { keys: ['x'], action: 'stop', help: 'stop the daemon' },
  { keys: ['r'], action: 'reload', help: 'reload daemon.toml and the daemon status' },
];

export interface SettingsScreenProps {
  deps: SettingsDeps;
  width: number;
  height: number;
  active: boolean;
  onOtherKey: (k: KeyPress) => void;
}

/** What keys change; read live (see useLiveReducer), since keys can outrun renders. */
interface KeyState {
  view: Viewport;
  /** The text being typed for a number or list field. */
  prompt: string | null;
}
const merge = (s: KeyState, patch: Partial<KeyState>): KeyState => ({ ...s, ...patch });

interface Message {
  text: string;
  tone: Tone;
}

// File line, daemon line, blank, message line, prompt line, status line.
const CHROME = 6;
const NAME_WIDTH = 28;
const VALUE_WIDTH = 24;

export function SettingsScreen(p: SettingsScreenProps) {
  const { deps, width, height } = p;
  const fields = useMemo(settingFields, []);
  const [loaded, setLoadedState] = useState<ConfigResult | null>(null);
  const loadedNow = useRef<ConfigResult | null>(null);
  const setLoaded = (r: ConfigResult) => {
    loadedNow.current = r;
    setLoadedState(r);
  };
  const [daemon, setDaemon] = useState(() => daemonState(deps.dataDir));
  const [{ view, prompt }, update, current] = useLiveReducer(merge, { view: START, prompt: null });
  const [message, setMessage] = useState<Message | null>(null);
  // One write or daemon command at a time; a ref, so a key right behind another sees it.
  const busy = useRef(false);
  const setBusy = (b: boolean) => {
    busy.current = b;
  };
  const visible = Math.max(1, height - CHROME);
  const fieldNow = () => fields[current().view.cursor] as SettingField;
  const field = fields[view.cursor] as SettingField;

  const reload = () => {
    setDaemon(daemonState(deps.dataDir));
    void loadSettings(deps.configFile).then(setLoaded);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once; r reloads
  useEffect(reload, []);

  const save = (f: SettingField, value: TomlValue) => {
    setBusy(true);
    setSetting(deps.configFile, f.section, f.key, value)
      .then((r) => {
        if (r.ok) {
          setLoaded(r);
          setMessage({ text: `saved ${fieldName(f)} = ${shownValue(value)}`, tone: 'added' });
        } else setMessage({ text: `refused: ${r.error}`, tone: 'error' });
      })
      .catch((err: Error) => setMessage({ text: `cannot write: ${err.message}`, tone: 'error' }))
      .finally(() => setBusy(false));
  };

  const control = (what: 'start' | 'stop') => {
    if (!deps.control) {
      setMessage({ text: `run: opensession ops daemon ${what}`, tone: 'muted' });
      return;
    }
    setBusy(true);
    setMessage({ text: `${what === 'start' ? 'starting' : 'stopping'} the daemon…`, tone: 'muted' });
    deps.control[what]()
      .then((text) => setMessage({ text, tone: 'added' }))
      .catch((err: Error) => setMessage({ text: cleanLine(err.message), tone: 'error' }))
      .finally(() => {
        setBusy(false);
        setDaemon(daemonState(deps.dataDir));
      });
  };

  const onPromptKey = (k: KeyPress, text: string) => {
    if (k.name === 'esc') update({ prompt: null });
    else if (k.name === 'backspace') update({ prompt: text.slice(0, -1) });
    else if (k.name === 'enter') {
      const f = fieldNow();
      const typed = typedValue(f, text);
      update({ prompt: null });
      if (typed.ok) save(f, typed.value);
      else setMessage({ text: `refused: ${typed.error}`, tone: 'error' });
    } else if (k.input) update({ prompt: text + k.input });
  };

  const onKey = (k: KeyPress) => {
    const action = actionOf(SETTINGS_KEYS, k);
    if (action === 'reload') reload();
    else if (action === 'start' || action === 'stop') {
      if (!busy.current) control(action);
    } else if (action === 'edit') {
      const now = loadedNow.current;
      if (busy.current || !now?.ok) return;
      const f = fieldNow();
      const v = fieldValue(now.config, f);
      if (f.kind === 'bool' || f.kind === 'choice') save(f, nextValue(f, v));
      else update({ prompt: promptText(v) });
    } else if (action) {
      const v = current().view;
      update({ view: moveTo(v, moveTarget(action, v.cursor, fields.length, visible), fields.length, visible) });
    } else p.onOtherKey(k);
  };

  useKeys((k) => {
    const text = current().prompt;
    if (text === null) onKey(k);
    else onPromptKey(k, text);
  }, p.active);

  const head: ScreenLine[] = [
    {
      segments: [
        { text: 'daemon.toml ', tone: 'accent', bold: true },
        { text: cleanLine(deps.configFile), tone: 'muted' },
      ],
    },
    { segments: [{ text: daemon.summary, bold: daemon.running }] },
    { segments: [{ text: ' ' }] },
  ];
  const rows: ScreenLine[] = [];
  if (loaded && !loaded.ok) rows.push({ segments: [{ text: cleanLine(loaded.error), tone: 'error' }] });
  else if (loaded?.ok)
    for (let i = view.top; i < Math.min(fields.length, view.top + visible); i++) {
      const f = fields[i] as SettingField;
      rows.push({
        inverse: i === view.cursor,
        segments: [
          { text: cell(fieldName(f), NAME_WIDTH) },
          { text: ' ' },
          { text: cell(cleanLine(shownValue(fieldValue(loaded.config, f))), VALUE_WIDTH), bold: true },
          { text: ' ' },
          { text: f.help, tone: 'muted' },
        ],
      });
    }
  const messageLine: ScreenLine = { segments: [{ text: message?.text ?? ' ', tone: message?.tone }] };
  const promptRow: ScreenLine =
    prompt === null ? { segments: [{ text: ' ' }] } : promptLine(`${fieldName(field)} = `, prompt, true, width);
  const hints = prompt === null ? 'Enter edit · s start · x stop · r reload · ? help' : 'Enter save · Esc cancel';
  const status = statusLine(`settings ${view.cursor + 1}/${fields.length}`, hints, width);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Lines lines={[...head, ...padLines(rows, visible), messageLine, promptRow, status]} />
    </Box>
  );
}

/** Shown when the UI was started without the daemon's paths (embedded uses, tests). */
export function NoSettings(p: Omit<SettingsScreenProps, 'deps'>) {
  useKeys(p.onOtherKey, p.active);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines
        lines={[
          ...padLines([{ segments: [{ text: 'settings are not available here', tone: 'muted' }] }], p.height - 1),
          statusLine('settings', '? help · q quit', p.width),
        ]}
      />
    </Box>
  );
}
