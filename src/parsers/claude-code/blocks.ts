import type { ContentBlock } from '../../hail/content.js';
import { anthropicImage } from '../shared/anthropic-image.js';
import { isRecord, str } from '../shared/text.js';

/** A document block (PDF or text attached to a prompt) as a File or Reference block. */
export function documentBlock(block: Record<string, unknown>): ContentBlock | undefined {
  const src = block.source;
  if (!isRecord(src)) return undefined;
  const title = str(block.title) ?? 'document';
  if (src.type === 'text' && typeof src.data === 'string') return { type: 'File', path: title, content: src.data };
  const mime = str(src.media_type) ?? 'application/octet-stream';
  if (src.type === 'base64' && typeof src.data === 'string')
    return { type: 'Reference', uri: `data:${mime};base64,${src.data}`, media_type: mime };
  const url = str(src.url);
  return url ? { type: 'Reference', uri: url, media_type: mime } : undefined;
}

export interface ResultParts {
  text: string;
  /** Images and documents, in order. */
  media: ContentBlock[];
}

/** The text (joined) and media of a tool_result's `content`: a string or a list of blocks. */
export function resultParts(content: unknown): ResultParts {
  if (typeof content === 'string') return { text: content, media: [] };
  const texts: string[] = [];
  const media: ContentBlock[] = [];
  if (Array.isArray(content)) {
    for (const b of content) {
      if (!isRecord(b)) continue;
      if (b.type === 'text' && typeof b.text === 'string') texts.push(b.text);
      else if (b.type === 'image') {
        const img = anthropicImage(b);
        if (img) media.push(img);
      } else if (b.type === 'document') {
        const doc = documentBlock(b);
        if (doc) media.push(doc);
      }
    }
  }
  return { text: texts.join('\n'), media };
}
