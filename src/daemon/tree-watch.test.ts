import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TreeWatch } from './tree-watch.js';

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('TreeWatch', () => {
  let dir: string;
  let seen: string[];
  let w: TreeWatch;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'os-tree-watch-'));
    seen = [];
    w = new TreeWatch({ onChange: (p) => seen.push(p), onError: (m) => seen.push(`error: ${m}`) });
  });
  afterEach(() => {
    w.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports writes anywhere in a tree, including directories created after it started', async () => {
    mkdirSync(join(dir, 'projects', 'a'), { recursive: true });
    w.add(join(dir, 'projects'), false);
    writeFileSync(join(dir, 'projects', 'a', 's.jsonl'), '{}\n');
    await until(() => seen.includes(join(dir, 'projects', 'a', 's.jsonl')), 'the write in a');
    mkdirSync(join(dir, 'projects', 'b'));
    await until(() => seen.includes(join(dir, 'projects', 'b')), 'the new directory');
    writeFileSync(join(dir, 'projects', 'b', 't.jsonl'), '{}\n');
    await until(() => seen.includes(join(dir, 'projects', 'b', 't.jsonl')), 'the write in the new directory');
  });

  it('watches a single file without reporting its neighbours', async () => {
    const file = join(dir, '.aider.chat.history.md');
    writeFileSync(file, '# aider\n');
    w.add(file, true);
    writeFileSync(join(dir, 'other.txt'), 'x');
    appendFileSync(file, 'more\n');
    await until(() => seen.includes(file), 'the append');
    expect(seen.filter((p) => p.endsWith('other.txt'))).toEqual([]);
  });

  it('stops reporting a tree once removed', async () => {
    w.add(dir, false);
    expect(w.size).toBe(1);
    w.remove(dir, false);
    expect(w.size).toBe(0);
  });
});
