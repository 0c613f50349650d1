import { contentText } from '../../hail/content.js';
import { extractMetadata, truncate } from '../../hail/extract.js';
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

/** PostgreSQL text cannot hold NUL; neither should any index or title. */
export const cleanText = (s: string): string => s.replaceAll('\u0000', '');

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

/** The shared upload metadata (src/hail/extract.ts), made safe for the database, plus search text. */
export function sessionMetadata(s: Session): SessionMetadata {
  const m = extractMetadata(s);
  // A context title is kept longer than a derived one, but bounded.
  const title = m.title ? cleanText(truncate(m.title, 200)) : null;
  const description = m.description ? truncate(cleanText(m.description), 500) : null;
  return {
    title,
    description,
    tags: m.tags ? cleanText(m.tags) : null,
    workingDirectory: m.working_directory ? cleanText(m.working_directory) : null,
    filesModified: m.files_modified.map(cleanText),
    filesRead: m.files_read.map(cleanText),
    hasErrors: m.has_errors,
    search: { title: title ?? '', description: description ?? '', body: cleanText(messageText(s)) },
  };
}
