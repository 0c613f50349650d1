import { z } from 'zod';

export const ContentBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Text'), text: z.string() }),
  z.object({
    type: z.literal('Code'),
    code: z.string(),
    language: z.string().optional(),
    start_line: z.number().int().nonnegative().optional(),
  }),
  z.object({ type: z.literal('Image'), url: z.string(), alt: z.string().optional(), mime: z.string() }),
  z.object({ type: z.literal('Video'), url: z.string(), mime: z.string() }),
  z.object({ type: z.literal('Audio'), url: z.string(), mime: z.string() }),
  z.object({ type: z.literal('File'), path: z.string(), content: z.string().optional() }),
  z.object({ type: z.literal('Json'), data: z.unknown() }),
  z.object({ type: z.literal('Reference'), uri: z.string(), media_type: z.string() }),
]);

export const ContentSchema = z.object({ blocks: z.array(ContentBlockSchema) });

export type ContentBlock = z.infer<typeof ContentBlockSchema>;
export type Content = z.infer<typeof ContentSchema>;
export type BlockKind = ContentBlock['type'];

export const text = (t: string): ContentBlock => ({ type: 'Text', text: t });
export const contentOf = (...blocks: ContentBlock[]): Content => ({ blocks });

/** All human-readable text of a content: Text, Code and File contents, joined by newlines. */
export function contentText(c: Content): string {
  const parts: string[] = [];
  for (const b of c.blocks) {
    if (b.type === 'Text') parts.push(b.text);
    else if (b.type === 'Code') parts.push(b.code);
    else if (b.type === 'File' && b.content !== undefined) parts.push(b.content);
  }
  return parts.join('\n');
}
