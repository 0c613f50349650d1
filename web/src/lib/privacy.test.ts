import { describe, expect, it } from 'vitest';
import { toHailJsonl } from '../../../src/hail/jsonl-write.js';
import type { Session } from '../../../src/hail/session.js';
import { sampleSession } from '../../../test/fixtures/sample-session.js';
import { privacyPreview } from './privacy.js';

const SECRET = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

function withSecret(): Session {
  const s = sampleSession();
  const events = s.events.map((e) =>
    e.event_id === 'e7'
      ? { ...e, content: { blocks: [{ type: 'Text' as const, text: `use token ${SECRET} for the API` }] } }
      : e,
  );
  return { ...s, events };
}

describe('privacyPreview', () => {
  it('lists home directories and secrets it removes, never showing a secret whole', () => {
    const p = privacyPreview(withSecret());
    expect(p.paths).toBeGreaterThan(0);
    expect(p.secrets).toBe(1);
    const secret = p.changes.find((c) => c.kind !== 'path/env');
    expect(secret).toMatchObject({ eventId: 'e7', field: 'content.blocks[0].text' });
    expect(secret?.preview).not.toContain(SECRET);
    expect(JSON.stringify(p.changes)).not.toContain(SECRET);
    const path = p.changes.find((c) => c.kind === 'path/env' && c.eventId === 'e3');
    expect(path?.preview).toContain('~/proj/src/auth.ts');
  });

  it('returns the session as it will be uploaded: no secret, no home directory, input untouched', () => {
    const original = withSecret();
    const before = toHailJsonl(original);
    const { cleaned } = privacyPreview(original);
    const out = toHailJsonl(cleaned);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('/home/alice');
    expect(out).toContain('[REDACTED:');
    expect(toHailJsonl(original)).toBe(before);
  });

  it('reports nothing for a clean session', () => {
    const s = sampleSession();
    const clean = {
      ...s,
      context: { ...s.context, attributes: {} },
      events: s.events.filter((e) => e.event_id === 'e7'),
    };
    expect(privacyPreview(clean)).toMatchObject({ changes: [], secrets: 0, paths: 0 });
  });
});
