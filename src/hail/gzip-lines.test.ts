import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipLines as gzipAt, utf8Chunks } from './gzip-lines.js';

const gzipLines = (lines: string[]) => gzipAt(lines, 2);
const gunzipBody = async (b: Buffer) => gunzipSync(b);

const expected = (lines: string[]) => Buffer.from(lines.map((l) => `${l}\n`).join(''));

describe('gzipLines', () => {
  it('stores the UTF-8 of the lines, each ending in a newline, whatever their characters', async () => {
    const lines = [
      '{"type":"header"}',
      '',
      'ascii only',
      'é ß 中文 😀 \u2028 \u0000',
      // a lone surrogate becomes U+FFFD, as Buffer.from does
      'lone \ud800 surrogate \udfff',
      '😀'.repeat(1000),
    ];
    expect(await gunzipBody(await gzipLines(lines))).toEqual(expected(lines));
  });

  it('keeps lines longer than a chunk, and many short ones, whole and in order', async () => {
    const long = `${'x'.repeat(1_500_000)}é`;
    const many = Array.from({ length: 50_000 }, (_, i) => `line ${i} ${'ä'.repeat(i % 7)}`);
    const lines = [...many.slice(0, 10), long, ...many, long];
    const chunks = [...utf8Chunks(lines)];
    expect(chunks.length).toBeGreaterThan(2);
    // (Buffer#equals: a deep comparison of megabytes is slow)
    expect(Buffer.concat(chunks).equals(expected(lines))).toBe(true);
    expect((await gunzipBody(await gzipLines(lines))).equals(expected(lines))).toBe(true);
  });

  it('stores nothing for no lines', async () => {
    expect([...utf8Chunks([])]).toEqual([]);
    expect(await gunzipBody(await gzipLines([]))).toEqual(Buffer.alloc(0));
  });
});
