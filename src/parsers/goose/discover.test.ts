import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readFirstBytes } from '../shared/sniff.js';
import { gooseParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const DB = join(CORPUS, 'goose/sessions-db-1-session-0-messages.sqlite');
const JSONL = fileURLToPath(
  new URL('../../../test/fixtures/goose/legacy-session-20250305_101500.jsonl', import.meta.url),
);

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'goose-disc-'));
  temps.push(d);
  return d;
};

describe('discover', () => {
  it('finds sessions.db and the legacy JSONL files it has not imported', async () => {
    const data = tempDir();
    const dir = join(data, 'goose', 'sessions');
    mkdirSync(dir, { recursive: true });
    copyFileSync(DB, join(dir, 'sessions.db'));
    copyFileSync(JSONL, join(dir, '20250305_101500.jsonl'));
    // 20251202_1 is a session of the db: its old file is not a separate source
    copyFileSync(JSONL, join(dir, '20251202_1.jsonl'));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const sources = await gooseParser.discover({ home: '/nonexistent', env: { XDG_DATA_HOME: data } });
    expect(sources.map((s) => s.path)).toEqual([join(dir, 'sessions.db'), join(dir, '20250305_101500.jsonl')]);
    expect(sources.every((s) => s.tool === 'goose')).toBe(true);
  });

  it('looks in ~/.local/share, macOS Application Support and GOOSE_PATH_ROOT', async () => {
    const home = tempDir();
    const root = tempDir();
    const dirs = [
      join(home, '.local', 'share', 'goose', 'sessions'),
      join(home, 'Library', 'Application Support', 'Block.goose', 'sessions'),
      join(root, 'data', 'sessions'),
    ];
    for (const d of dirs) {
      mkdirSync(d, { recursive: true });
      copyFileSync(JSONL, join(d, 'a.jsonl'));
    }
    const sources = await gooseParser.discover({ home, env: { GOOSE_PATH_ROOT: root } });
    expect(sources.map((s) => s.path).sort()).toEqual(dirs.map((d) => join(d, 'a.jsonl')).sort());
  });

  it('finds nothing when Goose is not installed', async () => {
    expect(await gooseParser.discover({ home: tempDir(), env: {} })).toEqual([]);
  });
});

describe('canParse', () => {
  const sniff = async (p: string) => gooseParser.canParse(p, await readFirstBytes(p));

  it('claims sessions.db and legacy session files', async () => {
    expect(await sniff(DB)).toBe(true);
    expect(await sniff(JSONL)).toBe(true);
  });

  it('does not claim other tools’ files, even inside a goose directory', async () => {
    for (const other of [
      'claude-code/v2.0.2-bash-read-summary.jsonl',
      'codex/v0.58.0-2025-11-ghost-snapshot.jsonl',
      'cursor/agent-transcript-fixture-hbo.jsonl',
      'cursor/workspace-aichat-composer.state.vscdb',
      'opencode/sqlite-opencode-1.17-3-sessions.db',
      'copilot/cli-events-fixture-anonymized.jsonl',
    ]) {
      expect(await sniff(join(CORPUS, other)), other).toBe(false);
    }
    const claudeLine = Buffer.from('{"type":"user","uuid":"u1","message":{"role":"user","content":"hi"}}\n');
    expect(gooseParser.canParse('/home/a/.local/share/goose/sessions/x.jsonl', claudeLine)).toBe(false);
    expect(gooseParser.canParse('/home/a/.local/share/goose/sessions/sessions.db', Buffer.from('not sqlite'))).toBe(
      false,
    );
  });
});
