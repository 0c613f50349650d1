import { redactSession } from '../../../src/hail/redact.js';
import { sanitizeSession } from '../../../src/hail/sanitize.js';
import type { Session } from '../../../src/hail/session.js';
import { mapSessionStrings } from '../../../src/hail/walk-strings.js';

export interface PrivacyChange {
  /** `path/env` for home directories and env values, else the secret detector's name. */
  kind: string;
  field: string;
  eventId?: string;
  /** What the reader is shown: the text after the change, or the masked secret. Never the secret. */
  preview: string;
}

export interface PrivacyPreview {
  /** The session as it will be uploaded. */
  cleaned: Session;
  changes: PrivacyChange[];
  secrets: number;
  paths: number;
}

const EXCERPT = 70;

function strings(session: Session): { value: string; field: string; eventId?: string }[] {
  const out: { value: string; field: string; eventId?: string }[] = [];
  mapSessionStrings(session, (value, site) => {
    out.push({ value, field: site.field, ...(site.event_id !== undefined && { eventId: site.event_id }) });
    return value;
  });
  return out;
}

/** Around the first difference, in the cleaned text. */
function excerpt(before: string, after: string): string {
  let i = 0;
  while (i < before.length && i < after.length && before[i] === after[i]) i++;
  const start = Math.max(0, i - 20);
  const text = after.slice(start, start + EXCERPT).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${text}${start + EXCERPT < after.length ? '…' : ''}`;
}

/**
 * What uploading will change: home directories and env secrets stripped (sanitize), then
 * secrets replaced (redact), as the CLI does before anything leaves the machine.
 */
export function privacyPreview(session: Session): PrivacyPreview {
  const sanitized = sanitizeSession(session);
  const before = strings(session);
  const after = strings(sanitized);
  const changes: PrivacyChange[] = [];
  before.forEach((b, i) => {
    const a = after[i];
    if (a && a.value !== b.value) {
      const c: PrivacyChange = { kind: 'path/env', field: b.field, preview: excerpt(b.value, a.value) };
      if (b.eventId !== undefined) c.eventId = b.eventId;
      changes.push(c);
    }
  });
  const paths = changes.length;
  const { session: cleaned, findings } = redactSession(sanitized);
  for (const f of findings) {
    const c: PrivacyChange = { kind: f.kind, field: f.field, preview: f.preview };
    if (f.event_id !== undefined) c.eventId = f.event_id;
    changes.push(c);
  }
  return { cleaned, changes, secrets: findings.length, paths };
}
