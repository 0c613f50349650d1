import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../../test/fixtures/sample-session.js';
import { clockTime, eventLabel } from './event-label.js';

describe('eventLabel', () => {
  it('says what happened and to what', () => {
    const labels = sampleSession().events.map(eventLabel);
    expect(labels).toEqual([
      { kind: 'User' },
      { kind: 'Thinking' },
      { kind: 'Read', detail: '/home/alice/proj/src/auth.ts' },
      { kind: 'Shell', detail: '$ npm test' },
      { kind: 'Edit', detail: 'src/auth.ts' },
      { kind: 'Tool error', detail: 'Bash' },
      { kind: 'Agent' },
    ]);
  });

  it('prints local clock time, or dashes for a bad timestamp', () => {
    expect(clockTime('garbage')).toBe('--:--:--');
    expect(clockTime('2026-01-01T10:11:12Z')).toMatch(/^\d\d:\d\d:12$/);
  });
});
