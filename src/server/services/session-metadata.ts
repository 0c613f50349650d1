import { contentText } from '../../hail/content.js';
import { eventPath, FILE_CHANGE_KINDS } from '../../hail/event-type.js';
import type { Session } from '../../hail/session.js';
import type { SearchDocument } from '../db/session-search.js';

/** Server-side summary fields of a session (the reference's extract_upload_metadata, plus search text). */
export interface SessionMetadata {
  title: string | null;
  description: string | null;
  tags: string | null;
  workingDirectory: string | null;
  filesModified: string[];
  filesRead: string[];
  hasErrors: boolean;
  search: SearchDocument;
}

/** The search index keeps this much message text per session: enough to find it, bounded in size. */
const SEARCH_BODY_MAX = 256 * 1024;

/** Cuts to at most `max` characters, marking the cut with "...". */
export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 3))}...`;
}

/** PostgreSQL text cannot hold NUL; neither should any index or title. */
export const cleanText = (s: string): string => s.replaceAll('\u0000', '');

function userTexts(s: Session): string[] {
  return s.events
    .filter((e) => e.event_type.type === 'UserMessage')
    .map((e) => contentText(e.content).trim())
    .filter(Boolean);
}

function messageText(s: Session): string {
  let out = '';
  for (const e of s.events) {
    const t = e.event_type.type;
    if (t !== 'UserMessage' && t !== 'AgentMessage') continue;
    out += `${contentText(e.content)}\n`;
    if (out.length >= SEARCH_BODY_MAX) break;
  }
  return out.slice(0, SEARCH_BODY_MAX);
}

function fileLists(s: Session): { modified: string[]; read: string[] } {
  const modified = new Set<string>();
  const read = new Set<string>();
  for (const e of s.events) {
    const p = eventPath(e.event_type);
    if (p === undefined) continue;
    if (FILE_CHANGE_KINDS.has(e.event_type.type)) modified.add(p);
    else read.add(p);
  }
  return { modified: [...modified].sort(), read: [...read].filter((p) => !modified.has(p)).sort() };
}

function hasErrors(s: Session): boolean {
  return s.events.some((e) => {
    const t = e.event_type;
    return (
      (t.type === 'ShellCommand' && t.data.exit_code !== undefined && t.data.exit_code !== 0) ||
      (t.type === 'ToolResult' && t.data.is_error)
    );
  });
}

function workingDirectory(s: Session): string | null {
  const a = s.context.attributes ?? {};
  const v = typeof a.cwd === 'string' ? a.cwd : a.working_directory;
  return typeof v === 'string' ? cleanText(v) : null;
}

export function sessionMetadata(s: Session): SessionMetadata {
  const users = userTexts(s);
  // As the reference: the context's title, else the first user message cut to 80 characters.
  const title = s.context.title ? truncate(s.context.title, 200) : users[0] ? truncate(users[0], 80) : undefined;
  const description = s.context.description || users.slice(0, 3).join(' ');
  const { modified, read } = fileLists(s);
  const cleanTitle = title ? cleanText(title) : null;
  const cleanDescription = description ? truncate(cleanText(description), 500) : null;
  return {
    title: cleanTitle,
    description: cleanDescription,
    tags: s.context.tags.length ? cleanText(s.context.tags.join(',')) : null,
    workingDirectory: workingDirectory(s),
    filesModified: modified.map(cleanText),
    filesRead: read.map(cleanText),
    hasErrors: hasErrors(s),
    search: {
      title: cleanTitle ?? '',
      description: cleanDescription ?? '',
      body: cleanText(messageText(s)),
    },
  };
}
