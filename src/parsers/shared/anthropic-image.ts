import type { ContentBlock } from '../../hail/content.js';
import { isRecord, str } from './text.js';

/**
 * An Anthropic-format image block (`{type:'image', source:{type:'base64'|'url', ...}}`, used by
 * Cline, Roo, Amp...) as a HAIL Image: base64 data stays inline as a data: URL, since the log
 * is the only copy of a pasted screenshot. Undefined when the block names no image.
 */
export function anthropicImage(block: Record<string, unknown>): ContentBlock | undefined {
  const src = block.source;
  if (!isRecord(src)) return undefined;
  const mime = str(src.media_type) ?? 'image/png';
  if (src.type === 'base64' && typeof src.data === 'string')
    return { type: 'Image', url: `data:${mime};base64,${src.data}`, mime };
  const url = str(src.url);
  return url ? { type: 'Image', url, mime } : undefined;
}
