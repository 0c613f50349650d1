import { describe, expect, it } from 'vitest';
import { eventRow } from './event-row.js';

describe('eventRow', () => {
  it('drops terminal escapes from the indexed text, keeping the words and newlines', () => {
    const row = eventRow(
      {
        event_id: 'e1',
        timestamp: '2026-01-01T00:00:00Z',
        event_type: { type: 'ShellCommand', data: { command: 'npm test' } },
        content: { blocks: [{ type: 'Text', text: '\u001b[31mFAIL\u001b[0m auth\n\u001b]0;pwned-title\u0007done' }] },
      },
      'm',
    );
    expect(row.text).toBe('npm test\nFAIL auth\ndone');
  });
});
