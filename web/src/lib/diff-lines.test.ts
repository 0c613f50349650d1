import { describe, expect, it } from 'vitest';
import { diffRows } from './diff-lines.js';

describe('diffRows', () => {
  it('classifies lines and numbers them from the hunk headers', () => {
    const rows = diffRows('--- a/x\n+++ b/x\n@@ -10,3 +10,3 @@\n keep\n-old\n+new\n keep2\n');
    expect(rows).toEqual([
      { kind: 'meta', text: '--- a/x' },
      { kind: 'meta', text: '+++ b/x' },
      { kind: 'hunk', text: '@@ -10,3 +10,3 @@' },
      { kind: 'ctx', text: ' keep', oldNo: 10, newNo: 10 },
      { kind: 'del', text: '-old', oldNo: 11 },
      { kind: 'add', text: '+new', newNo: 11 },
      { kind: 'ctx', text: ' keep2', oldNo: 12, newNo: 12 },
    ]);
  });

  it('handles diffs without hunk headers', () => {
    expect(diffRows('-a\n+b')).toEqual([
      { kind: 'del', text: '-a' },
      { kind: 'add', text: '+b' },
    ]);
  });
});
