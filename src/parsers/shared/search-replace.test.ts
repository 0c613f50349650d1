import { describe, expect, it } from 'vitest';
import { parseSearchReplace, searchReplaceDiff } from './search-replace.js';

describe('SEARCH/REPLACE blocks', () => {
  it("reads Aider's and old Cline's markers", () => {
    const lines = [
      'a.py',
      '```python',
      '<<<<<<< SEARCH',
      'x = 1',
      '=======',
      'x = 2',
      'y = 3',
      '>>>>>>> REPLACE',
      '```',
    ];
    expect(parseSearchReplace(lines)).toEqual([{ search: 'x = 1', replace: 'x = 2\ny = 3', markerLine: 2 }]);
  });

  it("reads new Cline's markers and Roo's start-line header", () => {
    expect(parseSearchReplace(['------- SEARCH', 'old', '=======', 'new', '+++++++ REPLACE'])).toEqual([
      { search: 'old', replace: 'new', markerLine: 0 },
    ]);
    expect(
      parseSearchReplace(['<<<<<<< SEARCH', ':start_line:12', '-------', 'old', '=======', 'new', '>>>>>>> REPLACE']),
    ).toEqual([{ search: 'old', replace: 'new', markerLine: 0, startLine: 12 }]);
  });

  it('keeps an unterminated last block and turns blocks into a counted diff', () => {
    expect(parseSearchReplace(['<<<<<<< SEARCH', 'a', '=======', 'b'])).toEqual([
      { search: 'a', replace: 'b', markerLine: 0 },
    ]);
    const diff = searchReplaceDiff(
      'f.ts',
      '------- SEARCH\na\nb\n=======\nc\n+++++++ REPLACE\n------- SEARCH\n=======\nd\n+++++++ REPLACE',
    );
    expect(diff).toBe(
      [
        '--- a/f.ts',
        '+++ b/f.ts',
        '@@ -1,2 +1,1 @@',
        '-a',
        '-b',
        '+c',
        '--- a/f.ts',
        '+++ b/f.ts',
        '@@ -1,0 +1,1 @@',
        '+d',
      ].join('\n'),
    );
    expect(searchReplaceDiff('f.ts', 'no blocks here')).toBeUndefined();
  });
});
