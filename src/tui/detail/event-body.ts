import type { ContentBlock } from '../../hail/content.js';
import type { HailEvent } from '../../hail/session.js';

// What an event shows when expanded, as plain text (the caller cleans and wraps it).

function blockText(b: ContentBlock): string {
  switch (b.type) {
    case 'Text':
      return b.text;
    case 'Code':
      return b.code;
    case 'File':
      return b.content === undefined ? `[file ${b.path}]` : b.content;
    case 'Json':
      return JSON.stringify(b.data, null, 2) ?? '';
    case 'Image':
      // A data: URL is kilobytes of base64: name it, never print it.
      return `[image ${b.mime}${b.alt ? `: ${b.alt}` : ''}]`;
    case 'Video':
    case 'Audio':
      return `[${b.type.toLowerCase()} ${b.mime}]`;
    case 'Reference':
      return `[${b.media_type} ${b.uri}]`;
  }
}

/** The event's full text: its content blocks, after the command for a shell event. */
export function eventBody(e: HailEvent): string {
  const content = e.content.blocks.map(blockText).filter(Boolean).join('\n');
  const t = e.event_type;
  // Parsers often repeat the command as the event's content: show it once.
  if (t.type === 'ShellCommand')
    return [`$ ${t.data.command}`, content.trim() === t.data.command.trim() ? '' : content].filter(Boolean).join('\n');
  if (t.type === 'TaskEnd' && t.data.summary) return [t.data.summary, content].filter(Boolean).join('\n');
  return content;
}

/** The unified diff of an edit, when the event has one. */
export function eventDiff(e: HailEvent): string | undefined {
  return e.event_type.type === 'FileEdit' ? e.event_type.data.diff : undefined;
}
