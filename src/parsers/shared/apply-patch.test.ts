import { describe, expect, it } from 'vitest';
import { diffLineCounts } from '../../hail/stats.js';
import { extractPatch, parseApplyPatch } from './apply-patch.js';

const PATCH = [
  '*** Begin Patch',
  '*** Update File: src/a.ts',
  '*** Move to: src/b.ts',
  '@@ function f',
  ' keep',
  '-old',
  '+new',
  '+more',
  '*** End of File',
  '*** Add File: docs/new.md',
  '+# Title',
  '+text',
  '*** Delete File: gone.txt',
  '*** End Patch',
].join('\n');

describe('parseApplyPatch', () => {
  it('splits a patch into one operation per file', () => {
    const ops = parseApplyPatch(PATCH);
    expect(ops.map((o) => [o.kind, o.path])).toEqual([
      ['update', 'src/a.ts'],
      ['add', 'docs/new.md'],
      ['delete', 'gone.txt'],
    ]);
  });

  it('gives updates a unified-diff shape whose +/- lines are the change', () => {
    const [update] = parseApplyPatch(PATCH);
    if (update?.kind !== 'update') throw new Error('expected an update');
    expect(update.movePath).toBe('src/b.ts');
    expect(update.diff.split('\n').slice(0, 3)).toEqual(['--- a/src/a.ts', '+++ b/src/b.ts', '@@ function f']);
    expect(diffLineCounts(update.diff)).toEqual({ added: 2, removed: 1 });
  });

  it('gives added files their content and an all-added diff', () => {
    const add = parseApplyPatch(PATCH)[1];
    if (add?.kind !== 'add') throw new Error('expected an add');
    expect(add.content).toBe('# Title\ntext');
    expect(diffLineCounts(add.diff)).toEqual({ added: 2, removed: 0 });
  });

  it('finds a patch inside a heredoc shell command, and nothing in plain text', () => {
    const cmd = `apply_patch <<'PATCH'\n${PATCH}\nPATCH`;
    expect(extractPatch(cmd)).toBe(PATCH);
    expect(parseApplyPatch(cmd)).toHaveLength(3);
    expect(parseApplyPatch('ls -la')).toEqual([]);
  });

  it('keeps a cut-short patch up to where it stops', () => {
    const ops = parseApplyPatch(PATCH.slice(0, PATCH.indexOf('*** Add File')));
    expect(ops).toHaveLength(1);
  });
});
