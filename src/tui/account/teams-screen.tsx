import { Box } from 'ink';
import { useEffect, useState } from 'react';
import { Lines } from '../components/line.js';
import { actionOf, type Binding, type KeyPress, MOVE_KEYS, type MoveAction, moveTarget, useKeys } from '../keys.js';
import { padLines, type ScreenLine, statusLine } from '../segments.js';
import { cell, cleanLine } from '../text.js';
import { useLiveReducer } from '../use-live-reducer.js';
import { moveTo, START, type Viewport } from '../viewport.js';
import { CONFIGURE_HINT, type Invitation, type SessionSummary, type TeamItem, type TeamServices } from './team-api.js';

type TeamsAction = MoveAction | 'open' | 'invitations' | 'accept' | 'decline' | 'reload' | 'back';

export const TEAMS_KEYS: readonly Binding<TeamsAction>[] = [
  ...MOVE_KEYS,
  { keys: ['enter'], action: 'open', help: "a team's sessions" },
  { keys: ['i'], action: 'invitations', help: 'my invitations' },
  { keys: ['a'], action: 'accept', help: 'accept the invitation (invitations)' },
  { keys: ['d'], action: 'decline', help: 'decline the invitation (invitations)' },
  { keys: ['r'], action: 'reload', help: 'reload from the server' },
  { keys: ['esc', 'q'], label: 'Esc q', action: 'back', help: 'back to the teams' },
];

type View = { kind: 'teams' } | { kind: 'sessions'; team: TeamItem } | { kind: 'invitations' };

interface KeyState {
  view: View;
  cursor: Viewport;
}
// Read live (see useLiveReducer): keys can outrun renders.
const merge = (s: KeyState, patch: Partial<KeyState>): KeyState => ({ ...s, ...patch });

type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ok'; items: T[] };

export interface TeamsScreenProps {
  /** Undefined when no server account is configured. */
  teams: TeamServices | undefined;
  width: number;
  height: number;
  active: boolean;
  onOtherKey: (k: KeyPress) => void;
}

// Title, column header, message line, status line.
const CHROME = 4;

const teamRow = (t: TeamItem): string =>
  `${cell(cleanLine(t.name), 30)} ${cell(t.role, 7)} ${cell(String(t.member_count), 8, 'right')}`;
const sessionRow = (s: SessionSummary): string =>
  `${cell(s.created_at.slice(0, 10), 11)}${cell(cleanLine(s.tool), 13)}${cell(cleanLine(s.nickname ?? ''), 14)}${cleanLine(s.title ?? s.session_id)}`;
const invitationRow = (i: Invitation): string =>
  `${cell(cleanLine(i.team_name), 30)} ${cell(i.role, 7)} from ${cleanLine(i.invited_by_nickname)}`;

const HEADERS: Record<View['kind'], string> = {
  teams: `${cell('TEAM', 30)} ${cell('ROLE', 7)} ${cell('MEMBERS', 8, 'right')}`,
  sessions: `${cell('CREATED', 11)}${cell('TOOL', 13)}${cell('BY', 14)}TITLE`,
  invitations: `${cell('TEAM', 30)} ${cell('ROLE', 7)} INVITED BY`,
};

export function TeamsScreen(p: TeamsScreenProps) {
  if (!p.teams) return <NoAccount {...p} />;
  return <TeamsBrowser {...p} teams={p.teams} />;
}

function NoAccount(p: TeamsScreenProps) {
  useKeys(p.onOtherKey, p.active);
  const lines: ScreenLine[] = [
    { segments: [{ text: 'No server account configured.', bold: true }] },
    { segments: [{ text: ' ' }] },
    { segments: [{ text: 'Teams and invitations live on an OpenSession server. Configure one with:' }] },
    { segments: [{ text: `  ${CONFIGURE_HINT}`, tone: 'accent' }] },
    { segments: [{ text: 'then start the UI again.', tone: 'muted' }] },
  ];
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines lines={[...padLines(lines, p.height - 1), statusLine('teams', '? help · q quit', p.width)]} />
    </Box>
  );
}

function useLoad<T>(load: () => Promise<T[]>, key: string, generation: number): Loaded<T> {
  const [loaded, setLoaded] = useState<{ key: string; value: Loaded<T> }>({ key, value: { state: 'loading' } });
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on what is shown and the reload count
  useEffect(() => {
    let live = true;
    setLoaded({ key, value: { state: 'loading' } });
    load().then(
      (items) => live && setLoaded({ key, value: { state: 'ok', items } }),
      (err: Error) => live && setLoaded({ key, value: { state: 'error', message: cleanLine(err.message) } }),
    );
    return () => {
      live = false;
    };
  }, [key, generation]);
  // Until the effect runs, what is loaded belongs to the previous view: never draw it as this one's.
  return loaded.key === key ? loaded.value : { state: 'loading' };
}

function TeamsBrowser(p: TeamsScreenProps & { teams: TeamServices }) {
  const api = p.teams;
  const [{ view, cursor }, update, current] = useLiveReducer(merge, { view: { kind: 'teams' }, cursor: START });
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState('');
  const key = view.kind === 'sessions' ? `sessions:${view.team.id}` : view.kind;
  const loaded = useLoad<TeamItem | SessionSummary | Invitation>(
    () =>
      view.kind === 'teams'
        ? api.teams()
        : view.kind === 'sessions'
          ? api.teamSessions(view.team.id)
          : api.invitations(),
    key,
    generation,
  );
  const items = loaded.state === 'ok' ? loaded.items : [];
  const visible = Math.max(1, p.height - CHROME);
  const shown = moveTo(cursor, cursor.cursor, items.length, visible);

  const go = (v: View) => {
    update({ view: v, cursor: START });
    setMessage('');
  };
  const answer = (accept: boolean) => {
    const now = current();
    const inv = items[moveTo(now.cursor, now.cursor.cursor, items.length, visible).cursor] as Invitation | undefined;
    if (now.view.kind !== 'invitations' || !inv) return;
    (accept ? api.accept(inv.id) : api.decline(inv.id)).then(
      () => {
        setMessage(`${accept ? 'joined' : 'declined'} ${cleanLine(inv.team_name)}`);
        setGeneration((g) => g + 1);
      },
      (err: Error) => setMessage(`cannot ${accept ? 'accept' : 'decline'}: ${cleanLine(err.message)}`),
    );
  };

  useKeys((k) => {
    const action = actionOf(TEAMS_KEYS, k);
    const { view } = current();
    const at = moveTo(current().cursor, current().cursor.cursor, items.length, visible);
    if (action === 'back' && view.kind !== 'teams') go({ kind: 'teams' });
    else if (action === 'open' && view.kind === 'teams' && items[at.cursor])
      go({ kind: 'sessions', team: items[at.cursor] as TeamItem });
    else if (action === 'invitations') go({ kind: 'invitations' });
    else if (action === 'accept' || action === 'decline') answer(action === 'accept');
    else if (action === 'reload') setGeneration((g) => g + 1);
    else if (action && action !== 'back' && action !== 'open')
      update({ cursor: moveTo(at, moveTarget(action, at.cursor, items.length, visible), items.length, visible) });
    else if (!action || action === 'back') p.onOtherKey(k);
  }, p.active);

  const title =
    view.kind === 'teams'
      ? 'My teams'
      : view.kind === 'sessions'
        ? `Sessions of ${cleanLine(view.team.name)}`
        : 'My invitations';
  const lines: ScreenLine[] = [];
  if (loaded.state === 'loading') lines.push({ segments: [{ text: 'loading…', tone: 'muted' }] });
  else if (loaded.state === 'error') lines.push({ segments: [{ text: `server: ${loaded.message}`, tone: 'error' }] });
  else if (items.length === 0)
    lines.push({
      segments: [
        {
          text:
            view.kind === 'teams'
              ? 'no teams yet'
              : view.kind === 'sessions'
                ? 'no sessions'
                : 'no pending invitations',
          tone: 'muted',
        },
      ],
    });
  for (let i = shown.top; i < Math.min(items.length, shown.top + visible); i++) {
    const item = items[i];
    const text =
      view.kind === 'teams'
        ? teamRow(item as TeamItem)
        : view.kind === 'sessions'
          ? sessionRow(item as SessionSummary)
          : invitationRow(item as Invitation);
    lines.push({ inverse: i === shown.cursor, segments: [{ text }] });
  }
  const hints =
    view.kind === 'teams'
      ? 'Enter sessions · i invitations · r reload · ? help'
      : view.kind === 'invitations'
        ? 'a accept · d decline · Esc back · ? help'
        : 'Esc back · r reload · ? help';
  const count = loaded.state === 'ok' ? `${items.length} ${view.kind === 'teams' ? 'teams' : view.kind}` : view.kind;
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines
        lines={[
          { segments: [{ text: title, tone: 'accent', bold: true }] },
          { segments: [{ text: HEADERS[view.kind], bold: true }] },
          ...padLines(lines, visible),
          { segments: [{ text: message || ' ', tone: 'muted' }] },
          statusLine(count, hints, p.width),
        ]}
      />
    </Box>
  );
}
