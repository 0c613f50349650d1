import { describe, expect, it } from 'vitest';
import { structuredPatchDiff } from './structured-patch.js';

describe('structuredPatchDiff', () => {
  it('renders hunks as a unified diff', () => {
    const patch = [
      { oldStart: 3, oldLines: 2, newStart: 3, newLines: 2, lines: [' keep', '-old', '+new'] },
      { oldStart: 10, oldLines: 1, newStart: 10, newLines: 0, lines: ['-gone'] },
    ];
    expect(structuredPatchDiff('src/a.ts', patch)).toBe(
      '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -3,2 +3,2 @@\n keep\n-old\n+new\n@@ -10,1 +10,0 @@\n-gone',
    );
  });

  it('is undefined without usable hunks', () => {
    expect(structuredPatchDiff('a', [])).toBeUndefined();
    expect(structuredPatchDiff('a', 'x')).toBeUndefined();
    expect(structuredPatchDiff('a', [{ lines: 'x' }, null])).toBeUndefined();
  });
});
