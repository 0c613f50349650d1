import { describe, expect, it } from 'vitest';
import { parseJsonLenient } from './json-salvage.js';

describe('parseJsonLenient', () => {
  it('parses valid JSON as it is', () => {
    expect(parseJsonLenient('{"a":[1,2]}')).toEqual({ value: { a: [1, 2] }, truncated: false });
  });

  it('keeps the complete elements and members of a cut-short document', () => {
    expect(parseJsonLenient('{"id":"x","messages":[{"n":1},{"n":2},{"n":')).toEqual({
      value: { id: 'x', messages: [{ n: 1 }, { n: 2 }] },
      truncated: true,
    });
    expect(parseJsonLenient('[{"t":"a \\" ]"},{"t":"b')?.value).toEqual([{ t: 'a " ]' }]);
  });

  it('gives up on text with nothing to keep', () => {
    expect(parseJsonLenient('not json')).toBeUndefined();
    expect(parseJsonLenient('')).toBeUndefined();
  });
});
