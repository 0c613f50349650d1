import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPrettyJsonArray } from './pretty-json-array.js';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');
const dir = mkdtempSync(join(tmpdir(), 'os-pretty-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(text: string | Buffer): string {
  const path = join(dir, `f${n++}.json`);
  writeFileSync(path, text);
  return path;
}

const read = (path: string, key = 'messages') => readPrettyJsonArray(path, key, 1 << 30);
const pretty = (doc: unknown) => JSON.stringify(doc, null, 2);

describe('readPrettyJsonArray', () => {
  it('reads every Gemini chat and Amp thread of the corpus as JSON.parse does', async () => {
    const files = ['gemini-cli', 'amp'].flatMap((tool) =>
      readdirSync(join(CORPUS, tool))
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(CORPUS, tool, f)),
    );
    let read_ = 0;
    for (const f of files) {
      const doc = await read(f);
      const whole = JSON.parse(readFileSync(f, 'utf8'));
      if (Array.isArray(whole?.messages) && whole.messages.length > 0) {
        expect(doc, f).toEqual(whole);
        read_++;
      } else expect(doc, f).toBeUndefined();
    }
    expect(read_).toBeGreaterThanOrEqual(8);
  });

  it('joins elements across reads, grows for one bigger than its buffer, and decodes UTF-8 cut by a read', async () => {
    // 3 MB of elements with non-ASCII text (two- to four-byte characters land on every offset),
    // one element of 5 MB (past the 2 MiB work buffer), and members after the array.
    const messages = Array.from({ length: 3000 }, (_, i) => ({
      id: i,
      text: `${'é€😀'.repeat(i % 7)}${'x'.repeat(900 + (i % 13))}`,
      nested: { list: [1, { deep: [i] }], empty: {}, none: [] },
    }));
    messages.splice(1500, 0, { id: -1, text: `ü${'y'.repeat(5_000_000)}`, nested: { list: [], empty: {}, none: [] } });
    const doc = { sessionId: 's', startTime: '2025-10-01T00:00:00Z', messages, lastUpdated: 'z', tail: { a: [1] } };
    expect(await read(write(pretty(doc)))).toEqual(doc);
  });

  it('keeps a trailing newline, a byte-order mark and other keys as they are', async () => {
    const doc = { a: 1, messages: [{ b: 'ünï' }, { c: [] }], z: 'end' };
    expect(await read(write(`${pretty(doc)}\n`))).toEqual(doc);
    expect(await read(write(`\uFEFF${pretty(doc)}`))).toEqual(doc);
    expect(await read(write(pretty({ items: [{ x: 1 }] })), 'items')).toEqual({ items: [{ x: 1 }] });
  });

  it('leaves every other layout to the caller', async () => {
    const doc = { a: 1, messages: [{ b: 2 }, { c: 3 }] };
    const text = pretty(doc);
    const undefinedFor = async (t: string | Buffer) => expect(await read(write(t))).toBeUndefined();
    await undefinedFor(JSON.stringify(doc)); // compact
    await undefinedFor(JSON.stringify(doc, null, 4)); // other indentation
    await undefinedFor(JSON.stringify(doc, null, '\t'));
    await undefinedFor(text.replaceAll('\n', '\r\n'));
    await undefinedFor(text.slice(0, text.indexOf('"c"'))); // cut short inside the array
    await undefinedFor(text.slice(0, -2)); // cut short after it
    await undefinedFor(pretty({ a: 1, messages: [] }));
    await undefinedFor(pretty({ a: 1, messages: [1, 2] })); // elements that are not objects
    await undefinedFor(pretty({ a: 1, other: [{ b: 2 }] }));
    await undefinedFor(text.replace('"b": 2', '"b": 2,')); // an element that is not JSON
    await undefinedFor(pretty({ big: 'x'.repeat(1 << 20), messages: [{ b: 2 }] })); // a head past 1 MiB
    await undefinedFor('');
    await undefinedFor(Buffer.from([0, 1, 2, 0xff, 10, 0x7b, 10]));
  });

  it('finds the array of a root member only, not a nested one of the same name', async () => {
    const doc = { meta: { messages: [{ nested: true }] }, messages: [{ root: 1 }] };
    expect(await read(write(pretty(doc)))).toEqual(doc);
  });

  it('rejects a file that does not exist, for the caller to report', async () => {
    await expect(read(join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
  });
});
