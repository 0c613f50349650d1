import { cellText, type Db, openSqlite, safeAll, tableNames } from '../shared/sqlite.js';
import { isRecord, tryParseJson } from '../shared/text.js';
import type { WarningSink } from '../shared/warnings.js';
import {
  type Bubble,
  ChatBubbleSchema,
  ChatTabSchema,
  type Composer,
  type ComposerBubble,
  ComposerBubbleSchema,
  ComposerSchema,
  type Conversation,
} from './schema.js';

const CHAT_KEY = 'workbench.panel.aichat.view.aichat.chatdata';
const COMPOSERS_KEY = 'composer.composerData';

type KvTable = 'ItemTable' | 'cursorDiskKV';

function kvValue(db: Db, table: KvTable, key: string, sink: WarningSink): unknown {
  const row = safeAll<{ value: unknown }>(db, sink, `SELECT value FROM ${table} WHERE key = ?`, key)[0];
  return row ? tryParseJson(cellText(row.value) ?? '') : undefined;
}

/** Rows whose key starts with `prefix`, by key range so the key index is used (LIKE would scan). */
function kvPrefix(db: Db, table: KvTable, prefix: string, sink: WarningSink): { key: string; value: unknown }[] {
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  const rows = safeAll<{ key: string; value: unknown }>(
    db,
    sink,
    `SELECT key, value FROM ${table} WHERE key >= ? AND key < ?`,
    prefix,
    end,
  );
  return rows.map((r) => ({ key: r.key, value: tryParseJson(cellText(r.value) ?? '') }));
}

function epochMs(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v < 1e10 ? v * 1000 : v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

function thinkingOf(t: ComposerBubble['thinking']): Bubble['thinking'] {
  if (typeof t === 'string') return t ? { text: t } : undefined;
  return t?.text ? { text: t.text, ...(t.signature ? { signature: t.signature } : {}) } : undefined;
}

function composerBubble(b: ComposerBubble, fallbackId: string, model: string | undefined): Bubble {
  const role = b.type === 1 ? 'user' : 'assistant';
  return {
    id: b.bubbleId ?? fallbackId,
    role,
    text: b.text || b.rawText,
    time: b.timingInfo?.clientStartTime ?? epochMs(b.createdAt),
    endTime: b.timingInfo?.clientEndTime ?? b.timingInfo?.clientSettleTime,
    model: role === 'assistant' ? (b.modelInfo?.modelName ?? b.modelType ?? model) : undefined,
    thinking: thinkingOf(b.thinking),
    tool: b.toolFormerData ?? undefined,
    inputTokens: b.tokenCount?.inputTokens,
    outputTokens: b.tokenCount?.outputTokens,
  };
}

/**
 * A composer's raw bubbles: inline (`conversation`, early composers), in a map (some 0.4x
 * builds), or (current builds) one `bubbleId:<composer>:<bubble>` row each, ordered by the headers.
 */
function rawBubbles(db: Db, c: Composer, sink: WarningSink): unknown[] {
  if (c.conversation?.length) return c.conversation;
  if (c.conversationMap && Object.keys(c.conversationMap).length) {
    const order = c.fullConversationHeadersOnly?.map((h) => h.bubbleId) ?? Object.keys(c.conversationMap);
    return order.map((id) => c.conversationMap?.[id]).filter((b) => b !== undefined);
  }
  const headers = c.fullConversationHeadersOnly ?? [];
  // Header-only composers in a workspace database keep their bubbles in the global one.
  if (!headers.length || !tableNames(db).has('cursorDiskKV')) return [];
  const rows = kvPrefix(db, 'cursorDiskKV', `bubbleId:${c.composerId}:`, sink);
  const byId = new Map(rows.map((r) => [r.key.slice(r.key.lastIndexOf(':') + 1), r.value]));
  return headers.map((h) => byId.get(h.bubbleId)).filter((b) => b !== undefined);
}

function emptyReason(db: Db, c: Composer): string {
  const headers = c.fullConversationHeadersOnly?.length ?? 0;
  if (!headers) return 'no conversation content';
  if (!tableNames(db).has('cursorDiskKV')) return `${headers} message headers; the messages are in the global database`;
  return `${headers} message headers but no message rows`;
}

function composerConversation(db: Db, c: Composer, sink: WarningSink): Conversation | undefined {
  const model = c.modelConfig?.modelName;
  const raws = rawBubbles(db, c, sink);
  const bubbles: Bubble[] = [];
  raws.forEach((raw, i) => {
    const b = ComposerBubbleSchema.safeParse(raw);
    if (b.success) bubbles.push(composerBubble(b.data, `${c.composerId}-${i}`, model));
    else sink.add('unknown-shape', `composer ${c.composerId}: bubble ${i} has an unknown shape`);
  });
  if (!bubbles.length) {
    sink.add('empty', `composer ${c.composerId}: ${emptyReason(db, c)}`);
    return undefined;
  }
  return {
    id: c.composerId,
    title: c.name,
    baseTime: epochMs(c.createdAt),
    bubbles,
    attributes: { source: 'composer', ...(c.isAgentic !== undefined ? { is_agentic: c.isAgentic } : {}) },
  };
}

function composers(db: Db, tables: Set<string>, sink: WarningSink): Composer[] {
  const raws: unknown[] = [];
  for (const t of ['cursorDiskKV', 'ItemTable'] as const) {
    if (tables.has(t)) raws.push(...kvPrefix(db, t, 'composerData:', sink).map((r) => r.value));
  }
  const list = tables.has('ItemTable') ? kvValue(db, 'ItemTable', COMPOSERS_KEY, sink) : undefined;
  if (isRecord(list) && Array.isArray(list.allComposers)) raws.push(...list.allComposers);
  const out = new Map<string, Composer>();
  for (const raw of raws) {
    const c = ComposerSchema.safeParse(raw);
    if (!c.success) sink.add('unknown-shape', 'a composer record has an unknown shape');
    // The same composer can be listed twice (header list and full record): keep the fuller one.
    else if (
      !out.has(c.data.composerId) ||
      rawBubbleCount(c.data) > rawBubbleCount(out.get(c.data.composerId) as Composer)
    )
      out.set(c.data.composerId, c.data);
  }
  return [...out.values()];
}

const rawBubbleCount = (c: Composer): number =>
  (c.conversation?.length ?? 0) +
  Object.keys(c.conversationMap ?? {}).length +
  (c.fullConversationHeadersOnly?.length ?? 0);

/** Every tab of the old chat panel, each a conversation. */
function chatTabs(db: Db, sink: WarningSink): Conversation[] {
  const data = kvValue(db, 'ItemTable', CHAT_KEY, sink);
  const tabs = isRecord(data) && Array.isArray(data.tabs) ? data.tabs : [];
  const out: Conversation[] = [];
  for (const raw of tabs) {
    const tab = ChatTabSchema.safeParse(raw);
    if (!tab.success) {
      sink.add('unknown-shape', 'a chat tab has an unknown shape');
      continue;
    }
    const bubbles = tab.data.bubbles.flatMap((rb, i): Bubble[] => {
      const b = ChatBubbleSchema.safeParse(rb);
      if (!b.success) return [];
      const role = b.data.type === 'user' ? 'user' : 'assistant';
      return [
        {
          id: b.data.id ?? `${tab.data.tabId}-${i}`,
          role,
          text: b.data.text || b.data.rawText,
          model: b.data.modelType,
        },
      ];
    });
    out.push({
      id: tab.data.tabId,
      title: tab.data.chatTitle,
      baseTime: tab.data.lastSendTime,
      bubbles,
      attributes: { source: 'chat' },
    });
  }
  return out;
}

/** Every conversation of a state.vscdb (workspace or global): all composers and chat tabs. */
export function readVscdb(path: string, sink: WarningSink): Conversation[] {
  const opened = openSqlite(path, sink);
  if (!opened) return [];
  try {
    const { db } = opened;
    const tables = tableNames(db);
    if (!tables.has('ItemTable') && !tables.has('cursorDiskKV')) {
      sink.add('unknown-shape', 'not a VS Code state database: no ItemTable/cursorDiskKV');
      return [];
    }
    const fromComposers = composers(db, tables, sink)
      .map((c) => composerConversation(db, c, sink))
      .filter((c): c is Conversation => c !== undefined);
    return [...fromComposers, ...(tables.has('ItemTable') ? chatTabs(db, sink) : [])];
  } finally {
    opened.close();
  }
}
