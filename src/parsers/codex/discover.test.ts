import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFirstBytes } from '../shared/sniff.js';
import { codexParser } from './index.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'codex-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function touch(path: string, text = '{}\n'): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('codex discovery', () => {
  it('finds dated, legacy and archived rollouts under ~/.codex', async () => {
    const dated = touch(join(home, '.codex/sessions/2025/09/16/rollout-2025-09-16T12-47-48-abc.jsonl'));
    const legacy = touch(join(home, '.codex/sessions/rollout-2025-08-23-1a0dd4c9.json'));
    const archived = touch(join(home, '.codex/archived_sessions/rollout-2025-10-01T00-00-00-def.jsonl'));
    touch(join(home, '.codex/sessions/2025/09/16/notes.jsonl'));
    touch(join(home, '.codex/history.jsonl'));
    const found = await codexParser.discover({ home, env: {} });
    expect(found.map((s) => s.path).sort()).toEqual([archived, dated, legacy].sort());
    expect(found.every((s) => s.tool === 'codex' && s.size === 3)).toBe(true);
  });

  it('honours CODEX_HOME', async () => {
    const other = join(home, 'elsewhere');
    const f = touch(join(other, 'sessions/2026/01/01/rollout-2026-01-01T00-00-00-x.jsonl'));
    touch(join(home, '.codex/sessions/2026/01/01/rollout-ignored.jsonl'));
    const found = await codexParser.discover({ home, env: { CODEX_HOME: other } });
    expect(found.map((s) => s.path)).toEqual([f]);
  });

  it('finds nothing when there is no Codex directory', async () => {
    expect(await codexParser.discover({ home, env: {} })).toEqual([]);
  });
});

describe('codex canParse', () => {
  const can = (path: string, text: string) => codexParser.canParse(path, Buffer.from(text));
  const meta =
    '{"timestamp":"2025-09-16T04:47:48.385Z","type":"session_meta","payload":{"id":"x","base_instructions":{"text":"';

  it('claims rollouts by content, even when the first line is longer than the sniffed bytes', () => {
    expect(can('/any/where/file.jsonl', meta)).toBe(true);
    expect(
      can(
        '/x/old.jsonl',
        '{"id":"3cf49b45-003a-44d0-a6b7-498a5a35c810","timestamp":"2025-08-21T06:29:22.408Z","instructions":null}\n',
      ),
    ).toBe(true);
    expect(can('/x/rollout.json', '{"session":{"id":"1a0dd4c9","timestamp":"2025-08-23"},"items":[]}')).toBe(true);
  });

  it('claims an empty rollout only where Codex writes it', () => {
    expect(can('/h/.codex/sessions/2025/01/01/rollout-2025-01-01T00-00-00-x.jsonl', '')).toBe(true);
    expect(can('/tmp/empty.jsonl', '')).toBe(false);
  });

  it('leaves other tools JSONL and JSON alone', () => {
    expect(can('/h/.claude/projects/p/s.jsonl', '{"type":"user","uuid":"u1","sessionId":"s"}\n')).toBe(false);
    expect(can('/h/.gemini/tmp/x/chats/session-1.json', '{"sessionId":"s","projectHash":"h","messages":[]}')).toBe(
      false,
    );
    expect(can('/h/.codex/sessions/rollout-x.jsonl', '{"type":"user","message":{}}\n')).toBe(false);
    expect(can('/h/.codex/sessions/rollout-x.txt', meta)).toBe(false);
    expect(codexParser.canParse('/h/.codex/sessions/rollout-x.jsonl', Buffer.from([0x7b, 0, 1]))).toBe(false);
  });
});

describe('codex canParse over the whole corpus', () => {
  it('claims exactly the codex files, none of the other tools', async () => {
    const root = new URL('../../../../shared/corpus/', import.meta.url).pathname;
    const files = execFileSync('find', [root, '-type', 'f', '-not', '-name', '*.md', '-not', '-name', '*.tsv'])
      .toString()
      .trim()
      .split('\n');
    const claimed: string[] = [];
    for (const f of files) if (codexParser.canParse(f, await readFirstBytes(f))) claimed.push(f);
    expect(claimed.sort()).toEqual(files.filter((f) => f.includes('/codex/')).sort());
  });
});
