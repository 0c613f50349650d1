import type { ContentBlock } from '../../hail/content.js';
import { isRecord, str } from '../shared/text.js';

type Obj = Record<string, unknown>;

/** A `PartListUnion` (string, one Part or Part[]) as a list of parts. */
export function partsOf(content: unknown): Obj[] {
  if (typeof content === 'string') return [{ text: content }];
  if (Array.isArray(content))
    return content.flatMap((p) => (typeof p === 'string' ? [{ text: p }] : isRecord(p) ? [p] : []));
  return isRecord(content) ? [content] : [];
}

/** Text, image and file parts as HAIL blocks (thought parts and function parts are left out). */
export function mediaBlocks(parts: readonly Obj[]): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  const texts = parts
    .filter((p) => p.thought !== true)
    .map((p) => str(p.text))
    .filter((t): t is string => !!t);
  const text = texts.join('');
  if (text.trim()) blocks.push({ type: 'Text', text });
  for (const p of parts) {
    const inline = isRecord(p.inlineData) ? p.inlineData : undefined;
    const file = isRecord(p.fileData) ? p.fileData : undefined;
    if (inline && str(inline.data))
      blocks.push({
        type: 'Image',
        url: `data:${str(inline.mimeType) ?? 'application/octet-stream'};base64,${inline.data}`,
        mime: str(inline.mimeType) ?? 'application/octet-stream',
      });
    else if (file && str(file.fileUri))
      blocks.push({
        type: 'Reference',
        uri: str(file.fileUri)!,
        media_type: str(file.mimeType) ?? 'application/octet-stream',
      });
  }
  return blocks;
}

/** Model parts flagged `thought: true` (checkpoints and newer records keep thoughts inline). */
export const thoughtTexts = (parts: readonly Obj[]): string[] =>
  parts
    .filter((p) => p.thought === true)
    .map((p) => str(p.text) ?? '')
    .filter((t) => t.trim());

/** What a functionResponse says: its `output`, else its `error`, else the response as JSON. */
export function responseText(fr: Obj): { text: string; error: boolean } {
  const r = fr.response;
  if (isRecord(r)) {
    const out = str(r.output) ?? str(r.llmContent) ?? str(r.content);
    if (out !== undefined) return { text: out, error: false };
    const err = str(r.error) ?? (isRecord(r.error) ? str(r.error.message) : undefined);
    if (err !== undefined) return { text: err, error: true };
  }
  if (typeof r === 'string') return { text: r, error: false };
  return { text: r === undefined ? '' : JSON.stringify(r), error: false };
}

/** The functionResponse parts of a tool result (`result` is a PartListUnion). */
export const functionResponses = (content: unknown): Obj[] =>
  partsOf(content)
    .map((p) => p.functionResponse)
    .filter(isRecord);
