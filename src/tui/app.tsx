import { Box, useApp } from 'ink';
import { useMemo, useState } from 'react';
import { NO_SERVER, type Sharing } from './account/share-api.js';
import type { TeamServices } from './account/team-api.js';
import { TEAMS_KEYS, TeamsScreen } from './account/teams-screen.js';
import { Line } from './components/line.js';
import { DETAIL_KEYS, SessionDetail } from './detail/session-detail.js';
import { HelpOverlay, type HelpSection } from './help-overlay.js';
import type { Binding, KeyPress } from './keys.js';
import { appLayout, TABS, type Tab, tabBarLine } from './layout.js';
import { filtersOf, INITIAL_LIST, listReducer } from './list/list-state.js';
import { LIST_KEYS, type OpenTarget, SessionList } from './list/session-list.js';
import type { TuiServices } from './services.js';
import type { SettingsDeps } from './settings/daemon-state.js';
import { NoSettings, SETTINGS_KEYS, SettingsScreen } from './settings/settings-screen.js';
import { STATS_KEYS, StatsView } from './stats/stats-view.js';
import { themeFor } from './theme.js';
import { ThemeContext } from './theme-context.js';
import { useLiveReducer } from './use-live-reducer.js';
import { type Size, useTerminalSize } from './use-terminal-size.js';

type GlobalAction = 'help' | 'tab' | 'quit' | 'exit';
export const GLOBAL_KEYS: readonly Binding<GlobalAction>[] = [
  { keys: ['?'], action: 'help', help: 'this help' },
  { keys: ['1', '2', '3', '4'], label: '1 2 3 4', action: 'tab', help: 'sessions / stats / teams / settings' },
  { keys: ['q'], action: 'quit', help: 'back; quits from the top of a tab' },
  { keys: ['ctrl+c'], label: 'C-c', action: 'exit', help: 'quit from anywhere' },
];

export interface AppProps {
  services: TuiServices;
  env: Readonly<Record<string, string | undefined>>;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: Size;
  /** Lines to print once the UI has closed (source paths asked for with `o`). */
  onPrint?: (line: string) => void;
  /** The server account's team calls; undefined when no account is configured. */
  teams?: TeamServices;
  /** daemon.toml and the daemon; undefined: the Settings tab says it is unavailable. */
  settings?: SettingsDeps;
  /** Uploads from the session detail; undefined: no server configured. */
  sharing?: Sharing;
}

export function App(p: AppProps) {
  const { exit } = useApp();
  const measured = useTerminalSize();
  const size = p.size ?? measured;
  const theme = useMemo(() => themeFor(p.env), [p.env]);
  const [list, dispatchList, currentList] = useLiveReducer(listReducer, INITIAL_LIST);
  const [tab, setTab] = useState<Tab>('sessions');
  const [detail, setDetail] = useState<OpenTarget | null>(null);
  const [help, setHelp] = useState(false);
  const now = useMemo(() => p.services.now(), [p.services]);

  const { width, height, body } = appLayout(size);

  const onOtherKey = (k: KeyPress) => {
    if (k.name === '?') setHelp(true);
    else if (k.name === 'q' || k.name === 'ctrl+c') exit();
    else {
      const t = TABS.find((x) => x.key === k.name);
      if (t) setTab(t.id);
    }
  };

  const sections: HelpSection[] = [
    detail
      ? { title: 'Session', bindings: DETAIL_KEYS }
      : tab === 'stats'
        ? { title: 'Stats', bindings: STATS_KEYS }
        : tab === 'teams'
          ? { title: 'Teams', bindings: TEAMS_KEYS }
          : tab === 'settings'
            ? { title: 'Settings', bindings: SETTINGS_KEYS }
            : { title: 'Sessions', bindings: LIST_KEYS },
    { title: 'Everywhere', bindings: GLOBAL_KEYS },
  ];

  // Screens under the help or the detail stay mounted (hidden, keys off): closing the help or
  // going back finds the cursor, folds and search where they were.
  const shown = (visible: boolean) => (visible ? 'flex' : 'none');
  const onList = tab === 'sessions' && !detail;
  const screens = (
    <>
      <Box display={shown(onList && !help)} flexDirection="column">
        <SessionList
          services={p.services}
          state={list}
          current={currentList}
          dispatch={dispatchList}
          width={width}
          height={body}
          active={onList && !help}
          onOpen={setDetail}
          onOtherKey={onOtherKey}
        />
      </Box>
      {tab === 'stats' && !detail && (
        <Box display={shown(!help)} flexDirection="column">
          <StatsView
            services={p.services}
            filters={filtersOf(list, now)}
            filterNote="for the sessions the list shows (t p w filter there)"
            width={width}
            height={body}
            active={!help}
            onOtherKey={onOtherKey}
          />
        </Box>
      )}
      {tab === 'teams' && !detail && (
        <Box display={shown(!help)} flexDirection="column">
          <TeamsScreen teams={p.teams} width={width} height={body} active={!help} onOtherKey={onOtherKey} />
        </Box>
      )}
      {tab === 'settings' && !detail && (
        <Box display={shown(!help)} flexDirection="column">
          {p.settings ? (
            <SettingsScreen deps={p.settings} width={width} height={body} active={!help} onOtherKey={onOtherKey} />
          ) : (
            <NoSettings width={width} height={body} active={!help} onOtherKey={onOtherKey} />
          )}
        </Box>
      )}
      {detail && (
        <Box display={shown(!help)} flexDirection="column">
          <SessionDetail
            services={p.services}
            target={detail}
            width={width}
            height={body}
            active={!help}
            onBack={() => setDetail(null)}
            onOtherKey={(k) => (k.name === 'ctrl+c' || k.name === '?' ? onOtherKey(k) : undefined)}
            onPrint={p.onPrint ?? (() => {})}
            sharing={p.sharing ?? NO_SERVER}
          />
        </Box>
      )}
      {help && <HelpOverlay sections={sections} width={width} height={body} onClose={() => setHelp(false)} />}
    </>
  );

  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={width} height={height}>
        <Line {...tabBarLine(tab, width)} />
        {screens}
      </Box>
    </ThemeContext.Provider>
  );
}
