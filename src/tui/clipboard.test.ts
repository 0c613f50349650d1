import { describe, expect, it } from 'vitest';
import { osc52 } from './clipboard.js';

describe('osc52', () => {
  it('sends the text base64-encoded in one OSC 52 sequence', () => {
    expect(osc52('héllo', {})).toBe(`\u001b]52;c;${Buffer.from('héllo').toString('base64')}\u0007`);
  });

  it('wraps the sequence for tmux so it reaches the outer terminal', () => {
    const seq = osc52('x', { TMUX: '/tmp/tmux-0/default,1,0' });
    expect(seq.startsWith('\u001bPtmux;\u001b\u001b]52;c;eA==')).toBe(true);
    expect(seq.endsWith('\u001b\\')).toBe(true);
  });
});
