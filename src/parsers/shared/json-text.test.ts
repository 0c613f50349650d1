import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonTextOf, readJsonText } from './json-text.js';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');
const dir = mkdtempSync(join(tmpdir(), 'os-json-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What JSON.parse makes of the file read the plain way (or the error's kind). */
function plain(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return 'not JSON';
  }
}

function viaText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return 'not JSON';
  }
}

async function expectSame(name: string, buf: Buffer): Promise<void> {
  const path = join(dir, name);
  writeFileSync(path, buf);
  expect(viaText(await readJsonText(path)), name).toEqual(plain(buf));
  expect(viaText(jsonTextOf(buf)), name).toEqual(plain(buf));
}

const MB = 1 << 20;

/** A JSON array of strings, padded so a character of `ch` straddles each 1 MiB chunk boundary. */
function straddling(ch: string): Buffer {
  const width = Buffer.byteLength(ch);
  const items: string[] = [];
  let size = 1; // '['
  for (let k = 1; k <= 3; k++) {
    for (let cut = 1; cut < width; cut++) {
      // Put the character so that `cut` of its bytes fall before the k-th boundary.
      const pad = k * MB - cut - size - 2; // '"' + pad + ch + '",'
      items.push(`${'a'.repeat(Math.max(0, pad))}${ch}`);
      size += Math.max(0, pad) + width + 3;
    }
  }
  return Buffer.from(JSON.stringify(items));
}

describe('readJsonText / jsonTextOf', () => {
  it('parse to the same values as decoding the file plainly, for every JSON file of the corpus', async () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.json')) files.push(p);
      }
    };
    walk(CORPUS);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(viaText(await readJsonText(f)), f).toEqual(plain(readFileSync(f)));
  });

  it('keep sparse and dense non-ASCII, astral characters, a BOM and broken UTF-8', async () => {
    await expectSame('ascii.json', Buffer.from('{"a":[1,2,"x"]}'));
    await expectSame('sparse.json', Buffer.from(JSON.stringify({ t: `${'x'.repeat(70_000)}é—😀${'y'.repeat(100)}` })));
    await expectSame('dense.json', Buffer.from(JSON.stringify({ t: '漢字かな交じり文'.repeat(20_000) })));
    await expectSame('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"é":"ü"}')]));
    await expectSame('broken.json', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82, 0x22, 0x7d]));
    await expectSame('stray.json', Buffer.from([0x5b, 0x22, 0x80, 0x80, 0xff, 0x22, 0x5d]));
    await expectSame('outside.json', Buffer.from('{"a":1}\u00a0'));
    await expectSame('empty.json', Buffer.alloc(0));
  });

  it('join characters cut by the reader’s chunk boundaries', async () => {
    for (const ch of ['é', '—', '😀']) await expectSame(`straddle-${Buffer.byteLength(ch)}.json`, straddling(ch));
    // A lead byte cut from its continuation bytes by a boundary, then more stray continuation bytes.
    const cut = Buffer.concat([
      Buffer.from(`["${'a'.repeat(MB - 3)}`),
      Buffer.from([0xe2, 0x82, 0x82, 0x82, 0x82]),
      Buffer.from('"]'),
    ]);
    await expectSame('cut-stray.json', cut);
  });
});
