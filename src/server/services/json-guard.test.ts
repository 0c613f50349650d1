import { describe, expect, it } from 'vitest';
import { ApiError } from '../http-error.js';
import { JsonGuard } from './json-guard.js';

const LIMITS = { maxLineBytes: 40, maxDepth: 3 };

/** The error code of guarding `text` fed in pieces cut at `cuts`, or 'ok'. */
function outcome(text: string, cuts: number[] = [], perLine = true): string {
  const bytes = Buffer.from(text);
  const guard = new JsonGuard(LIMITS, perLine);
  try {
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      guard.feed(bytes.subarray(from, cut));
      from = cut;
    }
    return 'ok';
  } catch (e) {
    if (e instanceof ApiError) return `${e.code}: ${e.message}`;
    throw e;
  }
}

const CASES: [string, string][] = [
  ['{"a":[[1]]}\n{"b":"x"}\n', 'ok'],
  ['{"a":[[[1]]]}\n', 'too_deep: line 1 nests JSON deeper than 3 levels'],
  ['{"a":"[[[[{{{{"}\n', 'ok'],
  ['{"a":"q\\"[[[[\\\\"}\n{"b":[[1]]}\n', 'ok'],
  ['{"a":"q\\\\"}[[[[\n', 'too_deep: line 1 nests JSON deeper than 3 levels'],
  ['{"a":"unterminated [[[[\n{"b":[[[[1]]]]}\n', 'too_deep: line 2 nests JSON deeper than 3 levels'],
  [`{"a":"${'x'.repeat(32)}"}\n`, 'ok'],
  [`{"a":"${'x'.repeat(33)}"}\n`, 'line_too_long: line 1 is longer than 40 bytes'],
  [`{"a":1}\n{"a":"${'é'.repeat(20)}"}\n`, 'line_too_long: line 2 is longer than 40 bytes'],
  [`{"a":"\\\n${'x'.repeat(30)}"}\n`, 'ok'],
];

describe('JsonGuard', () => {
  it.each(CASES)('%j -> %s, however the bytes are split into chunks', (text, expected) => {
    expect(outcome(text)).toBe(expected);
    const size = Buffer.byteLength(text);
    for (let cut = 1; cut < size; cut++) expect(outcome(text, [cut])).toBe(expected);
    for (let step = 2; step < 7; step++) {
      const cuts = Array.from({ length: Math.floor((size - 1) / step) }, (_, k) => (k + 1) * step);
      expect(outcome(text, cuts)).toBe(expected);
    }
  });

  it('treats a document as one line when not per line', () => {
    const guard = new JsonGuard({ maxLineBytes: Number.POSITIVE_INFINITY, maxDepth: 3 }, false);
    expect(() => guard.feed(Buffer.from('{"a":"\n[[[[",\n"b":[[1]]}'))).not.toThrow();
    expect(() => guard.feed(Buffer.from('[[[['))).toThrow(/deeper than 3/);
  });
});
