import { describe, expect, it } from 'vitest';
import { parsePrePushInput } from './pushed-files.js';

describe('parsePrePushInput', () => {
  it('reads one update per line and ignores blank or short lines', () => {
    const a = 'a'.repeat(40);
    const z = '0'.repeat(40);
    expect(parsePrePushInput(`refs/heads/main ${a} refs/heads/main ${z}\n\ngarbage\n`)).toEqual([
      { localRef: 'refs/heads/main', localOid: a, remoteRef: 'refs/heads/main', remoteOid: z },
    ]);
    expect(parsePrePushInput('')).toEqual([]);
  });
});
