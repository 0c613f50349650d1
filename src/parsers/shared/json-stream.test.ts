import { describe, expect, it } from 'vitest';
import { type JsonStreamItem, type JsonStreamOptions, scanJson } from './json-stream.js';
import { WarningSink } from './warnings.js';

/** Feeds `text` in chunks of `size` bytes (values then straddle chunk boundaries). */
async function scan(text: string, opts: JsonStreamOptions = {}, size = 3) {
  const sink = new WarningSink('f.json');
  const bytes = Buffer.from(text);
  const chunks = (async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })();
  const items: JsonStreamItem[] = [];
  for await (const item of scanJson(chunks, sink, opts)) items.push(item);
  return { items, warnings: sink.list.map((w) => [w.kind, w.reason]) };
}

describe('scanJson', () => {
  it('yields the elements of a top-level array, whatever the chunking', async () => {
    const text = '\uFEFF[ {"a":"x,]}\\"y"}, [1,[2]], "s\\u00e9", 12.5e1, true, null ]';
    for (const size of [1, 2, 7, 1000]) {
      const { items, warnings } = await scan(text, {}, size);
      expect(warnings).toEqual([]);
      expect(items.map((i) => (i.kind === 'element' ? i.value : undefined))).toEqual([
        { a: 'x,]}"y' },
        [1, [2]],
        'sé',
        125,
        true,
        null,
      ]);
    }
  });

  it('yields members of a top-level object, streams one array member and skips others unread', async () => {
    const text = '{"id":"T-1","messages":[{"m":1},{"m":2}],"~debug":{"huge":[1,2,3]},"title":"t","n":-3}';
    const { items, warnings } = await scan(text, { arrayKey: 'messages', skipKeys: ['~debug'] });
    expect(warnings).toEqual([]);
    expect(items).toEqual([
      { kind: 'member', key: 'id', value: 'T-1' },
      { kind: 'element', index: 0, value: { m: 1 } },
      { kind: 'element', index: 1, value: { m: 2 } },
      { kind: 'member', key: 'title', value: 't' },
      { kind: 'member', key: 'n', value: -3 },
    ]);
  });

  it('keeps every complete value of a document cut short, and says so', async () => {
    const { items, warnings } = await scan('[{"a":1},{"b":2},{"c":"unfini');
    expect(items.map((i) => i.kind === 'element' && i.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(warnings.map((w) => w[0])).toEqual(['truncated']);
  });

  it('reports an empty document, a non-JSON document and a bad element without throwing', async () => {
    expect((await scan('  \n')).warnings.map((w) => w[0])).toEqual(['empty']);
    expect((await scan('hello')).warnings.map((w) => w[0])).toEqual(['invalid']);
    const bad = await scan('[{"a":1},{"b":tru},{"c":3}]');
    expect(bad.items.map((i) => i.kind === 'element' && i.index)).toEqual([0, 2]);
    expect(bad.warnings).toEqual([['invalid', expect.stringMatching(/^element 1 is not valid JSON/)]]);
  });

  it('stops at the end of the document', async () => {
    const { items, warnings } = await scan('[1,2] trailing [3]');
    expect(items).toHaveLength(2);
    expect(warnings).toEqual([]);
  });
});
