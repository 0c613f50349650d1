import { describe, expect, it } from 'vitest';
import { stripTerminalEscapes } from './terminal-safe.js';

describe('stripTerminalEscapes', () => {
  it('removes CSI, OSC and other escapes but keeps text, newlines and tabs', () => {
    const evil =
      'ok\u001b[31mred\u001b[0m\u001b]0;pwned title\u0007\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\\tend\nnext';
    expect(stripTerminalEscapes(evil)).toBe('okredlink\tend\nnext');
  });

  it('removes bare control characters and lone carriage returns', () => {
    expect(stripTerminalEscapes('a\u0007b\u0008c\rd\r\ne\u009bf')).toBe('abcd\r\nef');
  });

  it('leaves ordinary unicode alone', () => {
    expect(stripTerminalEscapes('héllo → 世界 🎉')).toBe('héllo → 世界 🎉');
  });
});
