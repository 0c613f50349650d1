import { Box } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { formatDuration } from '../../hail/extract.js';
import type { Session } from '../../hail/session.js';
import type { Sharing } from '../account/share-api.js';
import { Line, Lines } from '../components/line.js';
import { StatusBar } from '../components/status-bar.js';
import { compactNumber } from '../format.js';
import { actionOf, type Binding, type KeyPress, MOVE_KEYS, type MoveAction, moveTarget, useKeys } from '../keys.js';
import type { OpenTarget } from '../list/session-list.js';
import { highlight, padLines, promptLine, type ScreenLine, type Segment, statusLine } from '../segments.js';
import type { TuiServices } from '../services.js';
import { cell, cleanLine, displayWidth } from '../text.js';
import { useLiveReducer } from '../use-live-reducer.js';
import { moveTo } from '../viewport.js';
import { copyHandoff, EXPORT_KEYS, saveExport, saveHandoff } from './actions.js';
import { DetailLayout } from './detail-lines.js';
import {
  type DetailState,
  detailReducer,
  eventsContaining,
  INITIAL_DETAIL,
  matchingLines,
  nextAfter,
  openPredicate,
} from './detail-state.js';
import { useUpload } from './use-upload.js';

type DetailKeyAction =
  | MoveAction
  | 'toggle'
  | 'toggle-all'
  | 'next-turn'
  | 'prev-turn'
  | 'next-event'
  | 'prev-event'
  | 'find'
  | 'next-match'
  | 'prev-match'
  | 'copy-handoff'
  | 'save-handoff'
  | 'export'
  | 'upload'
  | 'source'
  | 'back';

export const DETAIL_KEYS: readonly Binding<DetailKeyAction>[] = [
  ...MOVE_KEYS,
  {
    keys: ['enter', ' '],
    label: 'Enter Space',
    action: 'toggle',
    help: 'expand / collapse the event under the cursor',
  },
  { keys: ['x'], action: 'toggle-all', help: 'expand / collapse every event' },
  { keys: [']'], label: '] [', action: 'next-turn', help: 'next / previous user message' },
  { keys: ['['], label: '', action: 'prev-turn', help: '' },
  { keys: ['J'], label: 'J K', action: 'next-event', help: 'next / previous event' },
  { keys: ['K'], label: '', action: 'prev-event', help: '' },
  { keys: ['/'], action: 'find', help: 'find in this session' },
  { keys: ['n'], label: 'n N', action: 'next-match', help: 'next / previous match' },
  { keys: ['N'], label: '', action: 'prev-match', help: '' },
  { keys: ['y'], action: 'copy-handoff', help: 'copy a handoff briefing to the clipboard (OSC 52)' },
  { keys: ['H'], action: 'save-handoff', help: 'write the handoff briefing to a file' },
  { keys: ['e'], action: 'export', help: 'export as Markdown, HTML or HAIL (secrets redacted)' },
  {
    keys: ['u'],
    action: 'upload',
    help: 'upload to the server, secrets redacted (asks first; the link is copied and printed on exit)',
  },
  { keys: ['o'], action: 'source', help: 'show the source file path (printed again on exit)' },
  { keys: ['q', 'esc', 'h', 'left'], label: 'q Esc h ←', action: 'back', help: 'back to the list' },
];

export interface SessionDetailProps {
  services: TuiServices;
  target: OpenTarget;
  width: number;
  height: number;
  active: boolean;
  onBack: () => void;
  onOtherKey: (k: KeyPress) => void;
  /** A line to print on stdout when the UI exits (paths the user asked for). */
  onPrint: (line: string) => void;
  /** Uploads to the account's server, or why there are none. */
  sharing: Sharing;
}

/** Loads the archived session, then shows its timeline. */
export function SessionDetail(p: SessionDetailProps) {
  const [loaded, setLoaded] = useState<{ session?: Session; error?: string }>({});
  useEffect(() => {
    let live = true;
    p.services.loadSession(p.target.id).then(
      (session) => live && setLoaded({ session }),
      (e: unknown) => live && setLoaded({ error: cleanLine(e instanceof Error ? e.message : String(e)) }),
    );
    return () => {
      live = false;
    };
  }, [p.services, p.target.id]);
  useKeys((k) => {
    if (actionOf(DETAIL_KEYS, k) === 'back') p.onBack();
    else p.onOtherKey(k);
  }, p.active && !loaded.session);
  if (loaded.session) return <Timeline {...p} session={loaded.session} />;
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Line
        segments={[
          loaded.error
            ? { text: `cannot open the session: ${loaded.error}`, tone: 'error' }
            : { text: 'loading…', tone: 'muted' },
        ]}
      />
      <Box flexGrow={1} />
      <StatusBar left={cleanLine(p.target.id)} right="q back" width={p.width} />
    </Box>
  );
}

const HEADER_LINES = 2;

function headerLines(s: Session, width: number): Segment[][] {
  const st = s.stats;
  const started = new Date(s.context.created_at);
  const when = Number.isNaN(started.getTime()) ? s.context.created_at : started.toLocaleString('sv-SE').slice(0, 16);
  const tokens = st.total_input_tokens + st.total_output_tokens;
  const facts = [
    cleanLine(s.agent.tool),
    cleanLine(s.agent.model),
    when,
    formatDuration(st.duration_seconds),
    `${st.user_message_count} prompts`,
    `${st.event_count} events`,
    `${st.files_changed} files +${st.lines_added} -${st.lines_removed}`,
    `${compactNumber(tokens)} tokens`,
  ];
  return [
    [{ text: cell(cleanLine(s.context.title ?? '(untitled session)'), width), bold: true }],
    [{ text: cell(facts.join(' · '), width), tone: 'muted' }],
  ];
}

/** Find matches highlighted inside a line's styled runs. */
function withMatches(segments: readonly Segment[], found: string): Segment[] {
  return segments.flatMap((s) =>
    highlight(s.text, [found]).map((h) => (h.tone === 'match' ? h : { ...s, text: h.text })),
  );
}

/** What is on screen for state `st`: every line, where each event starts, the clamped viewport, the event under the cursor. */
function frameOf(layout: DetailLayout, st: DetailState, width: number, bodyHeight: number) {
  const { lines, starts } = layout.layout(width, openPredicate(layout, st));
  // The stored viewport may predate a resize or a fold: use it clamped to the lines of now.
  const view = moveTo(st.view, st.view.cursor, lines.length, bodyHeight);
  return { lines, starts, view, event: lines[view.cursor]?.event ?? 0 };
}

const HINTS = 'u upload · ? help · q back';

/** The prompt, or the last action's message (the position and hints yield to a long one), or the position. */
function bottomLine(s: DetailState, position: string, width: number, question: () => string): ScreenLine {
  switch (s.prompt) {
    case 'find':
      return promptLine('find: ', s.draft, true, width);
    case 'export':
      return statusLine('export as:  m Markdown · h HTML · j HAIL', 'Esc cancel', width);
    case 'upload':
      return statusLine(question(), 'y send · any other key cancels', width);
    case 'none': {
      if (!s.message) return statusLine(position, HINTS, width);
      const room = width - displayWidth(s.message) - 2;
      const full = `${position} · ${HINTS}`;
      return statusLine(s.message, displayWidth(full) <= room ? full : HINTS.length <= room ? HINTS : '', width);
    }
  }
}

function Timeline(p: SessionDetailProps & { session: Session }) {
  const { session, services, width, height } = p;
  const layout = useMemo(() => new DetailLayout(session), [session]);
  const [s, dispatch, live] = useLiveReducer(detailReducer, INITIAL_DETAIL);
  const bodyHeight = Math.max(1, height - HEADER_LINES - 1);
  const { lines, view, event } = frameOf(layout, s, width, bodyHeight);
  const matches = useMemo(() => matchingLines(lines, s.found), [lines, s.found]);

  // Key handlers read the live state: keys can arrive faster than renders.
  const now = () => frameOf(layout, live(), width, bodyHeight);
  const go = (to: number | undefined, jump = true) =>
    to !== undefined && dispatch({ type: 'move', to, total: now().lines.length, height: bodyHeight, jump });

  // Opened from a search hit: start at the matching event.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the session is first shown
  useEffect(() => {
    const seq = p.target.seq;
    if (seq !== undefined) go(now().starts[seq]);
  }, []);

  const say = (text: string) => dispatch({ type: 'message', text });

  const uploads = useUpload({
    session,
    sharing: p.sharing,
    services,
    say,
    prompt: (open) => dispatch(open ? { type: 'prompt', prompt: 'upload' } : { type: 'cancel' }),
    onPrint: p.onPrint,
  });
  const run = (action: DetailKeyAction) => {
    const f = now();
    switch (action) {
      case 'toggle':
        dispatch({ type: 'toggle', event: f.event });
        return go(f.starts[f.event], false);
      case 'toggle-all':
        return dispatch({ type: 'toggle-all' });
      case 'next-turn':
      case 'prev-turn':
        return go(f.starts[nextAfter(layout.userTurns, f.event, action === 'next-turn' ? 1 : -1, false) ?? -1]);
      case 'next-event':
      case 'prev-event':
        return go(f.starts[f.event + (action === 'next-event' ? 1 : -1)], false);
      case 'find':
        return dispatch({ type: 'prompt', prompt: 'find' });
      case 'next-match':
      case 'prev-match': {
        const text = live().found;
        if (!text) return say('nothing to find: press / first');
        return go(nextAfter(matchingLines(f.lines, text), f.view.cursor, action === 'next-match' ? 1 : -1, true));
      }
      case 'copy-handoff':
        return say(copyHandoff(session, services));
      case 'save-handoff':
        say('writing the handoff…');
        return void saveHandoff(session, services).then(say);
      case 'export':
        return dispatch({ type: 'prompt', prompt: 'export' });
      case 'upload':
        return uploads.ask();
      case 'source': {
        const item = services.sessionItem(session.session_id);
        const path = item?.source_path;
        if (!path) return say('no source file recorded for this session');
        p.onPrint(path);
        return say(`source: ${path}${item.source_deleted ? ' (deleted; the archive keeps the session)' : ''}`);
      }
      case 'back':
        return p.onBack();
      default:
        return go(moveTarget(action, f.view.cursor, f.lines.length, bodyHeight), false);
    }
  };

  const submitFind = () => {
    const text = live().draft.trim();
    const cursor = now().view.cursor;
    const events = eventsContaining(layout, text, width);
    dispatch({ type: 'found', text, events });
    if (!text) return;
    const found = matchingLines(now().lines, text);
    say(
      found.length
        ? `${found.length} matching lines in ${events.size} events · n N next / previous`
        : `not found: ${text}`,
    );
    go(nextAfter(found, cursor - 1, 1, true));
  };

  const onPrompt = (k: KeyPress) => {
    if (live().prompt === 'upload') return uploads.answer(k);
    if (live().prompt === 'export') {
      const format = EXPORT_KEYS[k.name];
      dispatch({ type: 'cancel' });
      if (format) {
        say('exporting…');
        void saveExport(session, format, services).then(say);
      }
      return;
    }
    if (k.name === 'esc') dispatch({ type: 'cancel' });
    else if (k.name === 'enter') submitFind();
    else if (k.name === 'backspace') dispatch({ type: 'erase' });
    else if (k.input && !k.name.startsWith('ctrl+')) dispatch({ type: 'type', text: k.input.replace(/[\r\n]/g, '') });
  };

  useKeys((k) => {
    if (live().prompt !== 'none') return onPrompt(k);
    if (live().message) dispatch({ type: 'message', text: undefined });
    const action = actionOf(DETAIL_KEYS, k);
    if (action) run(action);
    else p.onOtherKey(k);
  }, p.active);

  const rows: ScreenLine[] = [];
  for (let i = view.top; i < Math.min(lines.length, view.top + bodyHeight); i++) {
    const line = lines[i]!;
    const hit = s.found && matches.includes(i);
    rows.push({ segments: hit ? withMatches(line.segments, s.found) : line.segments, inverse: i === view.cursor });
  }

  const position = `event ${event + 1}/${session.events.length} · line ${view.cursor + 1}/${lines.length}`;
  const bottom = bottomLine(s, position, width, uploads.question);
  const header = headerLines(session, width).map((segments): ScreenLine => ({ segments }));

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Lines lines={[...header, ...padLines(rows, bodyHeight), bottom]} />
    </Box>
  );
}
