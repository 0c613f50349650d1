import type { ContentBlock } from '../../hail/content.js';
import { anthropicImage } from '../shared/anthropic-image.js';
import { isRecord, titleFrom } from '../shared/text.js';
import { documentBlock } from './blocks.js';
import { event, type LineCtx } from './context.js';
import { custom } from './custom.js';
import { toolResultEvent } from './tool-results.js';
import { promptHead } from './tool-use.js';
import { classifyUserText, isUsersOwn, type UserText } from './user-text.js';

type Rec = Record<string, unknown>;
type Flags = { isMeta?: boolean; isCompactSummary?: boolean };

/** Remembers the first prompt (and slash command) for the title and for subagent linking. */
function noteFirst(ctx: LineCtx, own: UserText[]): void {
  const s = ctx.lane ?? ctx.stream;
  for (const t of own) {
    if (t.kind === 'prompt') {
      s.firstPrompt ??= promptHead(t.text);
      if (ctx.primary) ctx.state.titles.prompt ??= titleFrom(t.text);
      return;
    }
    if (ctx.primary) ctx.state.titles.command ??= t.text;
  }
}

/** What the user typed (prompts, slash commands, images) as one UserMessage. */
function emitOwn(ctx: LineCtx, own: UserText[], media: ContentBlock[]): void {
  const blocks: ContentBlock[] = own.map((t) => ({ type: 'Text', text: t.text }));
  blocks.push(...media);
  const command = own.find((t) => t.kind === 'command')?.command;
  ctx.emit(
    event(ctx, {
      id: ctx.uuid,
      type: { type: 'UserMessage' },
      blocks,
      ...(command ? { attributes: { command } } : {}),
    }),
  );
  noteFirst(ctx, own);
}

/** Text Claude Code wrote into the user turn (outputs, caveats, IDE context...): SystemMessages. */
function emitInjected(ctx: LineCtx, injected: UserText[], media: ContentBlock[]): void {
  injected.forEach((t, i) => {
    const blocks: ContentBlock[] = [{ type: 'Text', text: t.text }];
    if (i === 0) blocks.push(...media);
    ctx.emit(
      event(ctx, {
        id: i === 0 ? `${ctx.uuid}:system` : `${ctx.uuid}:system:${i}`,
        type: { type: 'SystemMessage' },
        blocks,
        attributes: { kind: t.kind },
      }),
    );
  });
}

/** Splits classified texts and media into the user's own message and injected system text. */
function emitTexts(ctx: LineCtx, texts: UserText[], media: ContentBlock[]): void {
  const own = texts.filter(isUsersOwn);
  const injected = texts.filter((t) => !isUsersOwn(t));
  if (own.length || (media.length && !injected.length)) {
    emitOwn(ctx, own, media);
    emitInjected(ctx, injected, []);
  } else emitInjected(ctx, injected, media);
}

/** User text from anywhere (a user line, a system local_command line, a queued prompt). */
export function userText(ctx: LineCtx, raw: string, flags: Flags = {}): void {
  const t = classifyUserText(raw, flags);
  if (t) emitTexts(ctx, [t], []);
}

/** A `user` line: prompts, injected text, images, and tool results. */
export function userLine(ctx: LineCtx, rec: Rec, message: Rec): void {
  const flags = { isMeta: rec.isMeta === true, isCompactSummary: rec.isCompactSummary === true };
  const content = message.content;
  if (typeof content === 'string') userText(ctx, content, flags);
  else if (Array.isArray(content)) userBlocks(ctx, rec, content, flags);
  else custom(ctx, 'user', rec);
}

function userBlocks(ctx: LineCtx, rec: Rec, content: unknown[], flags: Flags): void {
  let results = 0;
  for (const b of content) if ((b as Rec | null)?.type === 'tool_result') results++;
  // toolUseResult describes the line's result; with several results it cannot be told apart.
  const tur = results === 1 && isRecord(rec.toolUseResult) ? rec.toolUseResult : undefined;
  const texts: UserText[] = [];
  const media: ContentBlock[] = [];
  content.forEach((b: unknown, i) => {
    if (typeof b !== 'object' || b === null) return;
    const block = b as Rec;
    if (block.type === 'text' && typeof block.text === 'string') {
      const t = classifyUserText(block.text, flags);
      if (t) texts.push(t);
    } else if (block.type === 'tool_result') {
      ctx.emit(toolResultEvent(ctx, block, tur, `${ctx.uuid}:${i}`));
    } else if (block.type === 'image' || block.type === 'document') {
      const m = block.type === 'image' ? anthropicImage(block) : documentBlock(block);
      if (m) media.push(m);
    } else custom(ctx, `user:${String(block.type)}`, block, `${ctx.uuid}:${i}`);
  });
  if (texts.length || media.length) emitTexts(ctx, texts, media);
}
