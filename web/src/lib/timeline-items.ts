import { contentText } from '../../../src/hail/content.js';
import type { EventKind } from '../../../src/hail/event-type.js';
import { isErrorEvent, messageText, oneLine, truncate } from '../../../src/hail/extract.js';
import type { HailEvent, Session } from '../../../src/hail/session.js';
import { eventLanes } from '../../../src/hail/timeline.js';

/** What the viewer filters by: a few groups instead of every event kind. */
export type Group = 'message' | 'thinking' | 'tool' | 'file' | 'shell' | 'search' | 'task' | 'system' | 'media';

export const GROUPS: readonly { id: Group; label: string }[] = [
  { id: 'message', label: 'Messages' },
  { id: 'tool', label: 'Tool calls' },
  { id: 'thinking', label: 'Thinking' },
  { id: 'file', label: 'File ops' },
  { id: 'shell', label: 'Shell' },
  { id: 'search', label: 'Search & web' },
  { id: 'task', label: 'Subagents' },
  { id: 'system', label: 'System' },
  { id: 'media', label: 'Media' },
];

const GROUP_OF: Record<EventKind, Group> = {
  UserMessage: 'message',
  AgentMessage: 'message',
  SystemMessage: 'system',
  Thinking: 'thinking',
  ToolCall: 'tool',
  ToolResult: 'tool',
  Custom: 'tool',
  FileRead: 'file',
  FileEdit: 'file',
  FileCreate: 'file',
  FileDelete: 'file',
  ShellCommand: 'shell',
  CodeSearch: 'search',
  FileSearch: 'search',
  WebSearch: 'search',
  WebFetch: 'search',
  TaskStart: 'task',
  TaskEnd: 'task',
  ImageGenerate: 'media',
  VideoGenerate: 'media',
  AudioGenerate: 'media',
};

/** One row of the timeline: an event, and for a tool call the result that answered it. */
export interface Item {
  /** Index of the event in `session.events`. */
  index: number;
  event: HailEvent;
  result?: HailEvent;
  group: Group;
  /** 0 for the main agent, n for the n-th concurrent subagent. */
  lane: number;
  /** The subagent task the event belongs to (lane > 0 only). */
  task?: string;
  error: boolean;
  /** Number of the user turn the event falls in (0 before the first user message). */
  turn: number;
}

export interface Turn {
  turn: number;
  eventId: string;
  /** Position of the user message among all items (for the minimap). */
  itemIndex: number;
  text: string;
}

export interface Timeline {
  items: Item[];
  turns: Turn[];
  /** Highest lane used (0 when there are no subagents). */
  maxLane: number;
}

const NOT_CALLS = new Set<EventKind>(['UserMessage', 'AgentMessage', 'SystemMessage', 'Thinking', 'ToolResult']);
const TURN_TEXT_CHARS = 90;

/**
 * The result a ToolResult answers: by `call_id` (parsers set it to the call's event id), else
 * the latest unanswered ToolCall of the same tool name.
 */
function findCall(result: HailEvent, open: Map<string, Item>, lastByName: Map<string, Item>): Item | undefined {
  const t = result.event_type;
  if (t.type !== 'ToolResult') return undefined;
  if (t.data.call_id) {
    const byId = open.get(t.data.call_id);
    if (byId) return byId;
  }
  const byName = lastByName.get(t.data.name);
  return byName && !byName.result ? byName : undefined;
}

export function buildTimeline(session: Session): Timeline {
  const lanes = eventLanes(session.events);
  const items: Item[] = [];
  const turns: Turn[] = [];
  const open = new Map<string, Item>();
  const lastByName = new Map<string, Item>();
  let turn = 0;
  let maxLane = 0;
  session.events.forEach((event, index) => {
    const t = event.event_type;
    if (t.type === 'ToolResult') {
      const call = findCall(event, open, lastByName);
      if (call) {
        call.result = event;
        call.error ||= isErrorEvent(event);
        open.delete(call.event.event_id);
        return;
      }
    }
    if (t.type === 'UserMessage') {
      turn++;
      const text = truncate(oneLine(messageText(event) || contentText(event.content)), TURN_TEXT_CHARS);
      turns.push({ turn, eventId: event.event_id, itemIndex: items.length, text: text || '(empty message)' });
    }
    const lane = lanes[index] ?? 0;
    maxLane = Math.max(maxLane, lane);
    const item: Item = { index, event, group: GROUP_OF[t.type], lane, error: isErrorEvent(event), turn };
    if (lane > 0) item.task = event.task_id ?? event.event_id;
    if (!NOT_CALLS.has(t.type)) open.set(event.event_id, item);
    if (t.type === 'ToolCall') lastByName.set(t.data.name, item);
    items.push(item);
  });
  return { items, turns, maxLane };
}

export interface ViewFilter {
  /** Groups shown; all when empty. */
  groups: ReadonlySet<Group>;
  errorsOnly: boolean;
  /** Subagent tasks folded to their start row. */
  folded: ReadonlySet<string>;
}

export const NO_FILTER: ViewFilter = { groups: new Set(), errorsOnly: false, folded: new Set() };

export function filterItems(items: readonly Item[], f: ViewFilter): Item[] {
  return items.filter((it) => {
    if (f.groups.size > 0 && !f.groups.has(it.group)) return false;
    if (f.errorsOnly && !it.error) return false;
    if (it.task !== undefined && f.folded.has(it.task) && it.event.event_type.type !== 'TaskStart') return false;
    return true;
  });
}

function eventWords(e: HailEvent): string {
  const t = e.event_type;
  const data = 'data' in t ? Object.values(t.data).filter((v) => typeof v === 'string') : [];
  return `${data.join('\n')}\n${contentText(e.content)}`;
}

const searchText = new WeakMap<Item, string>();

/** Everything findable in an item, lower-cased (computed once per item). */
export function itemSearchText(it: Item): string {
  let s = searchText.get(it);
  if (s === undefined) {
    s = `${eventWords(it.event)}\n${it.result ? eventWords(it.result) : ''}`.toLowerCase();
    searchText.set(it, s);
  }
  return s;
}

/** Positions in `items` whose text contains the query (case-insensitive). */
export function findInItems(items: readonly Item[], query: string): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: number[] = [];
  items.forEach((it, i) => {
    if (itemSearchText(it).includes(q)) out.push(i);
  });
  return out;
}

/** Position of the item showing an event (a result is shown with its call). */
export function positionOfEvent(items: readonly Item[], eventId: string): number {
  return items.findIndex((it) => it.event.event_id === eventId || it.result?.event_id === eventId);
}

export interface MinimapMark {
  pos: number;
  kind: 'turn' | 'error' | 'match';
  label: string;
}

/**
 * Marks for the minimap: user turns, errors and find matches, at most one per kind per
 * `buckets`-th of the height (thousands of marks would only cost DOM and look the same).
 */
export function minimapMarks(shown: readonly Item[], matches: readonly number[], buckets = 300): MinimapMark[] {
  const n = shown.length;
  const marks: MinimapMark[] = [];
  const taken = new Set<string>();
  const add = (pos: number, kind: MinimapMark['kind'], label: string) => {
    const key = `${kind}:${Math.floor((pos / Math.max(n, 1)) * buckets)}`;
    if (taken.has(key)) return;
    taken.add(key);
    marks.push({ pos, kind, label });
  };
  shown.forEach((it, pos) => {
    if (it.event.event_type.type === 'UserMessage') add(pos, 'turn', `Turn ${it.turn}`);
    if (it.error) add(pos, 'error', 'Error');
  });
  for (const pos of matches) add(pos, 'match', 'Match');
  return marks;
}
