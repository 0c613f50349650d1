import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readFirstBytes } from '../shared/sniff.js';
import { opencodeParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const DB = join(CORPUS, 'opencode/sqlite-opencode-1.17-3-sessions.db');
const LEGACY = join(CORPUS, 'opencode/legacy-0.5.28-project-storage');
const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/opencode/current-layout/', import.meta.url));

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'oc-disc-'));
  temps.push(d);
  return d;
};

describe('discover', () => {
  function fakeData(): string {
    const data = join(tempDir(), 'data');
    mkdirSync(join(data, 'opencode'), { recursive: true });
    copyFileSync(DB, join(data, 'opencode', 'opencode.db'));
    writeFileSync(join(data, 'opencode', 'opencode.db-wal'), '');
    cpSync(FIXTURE, join(data, 'opencode'), { recursive: true });
    cpSync(LEGACY, join(data, 'opencode'), { recursive: true });
    return data;
  }

  it('finds the store (with its WAL), JSON-layout sessions with their files, and legacy sessions', async () => {
    const data = fakeData();
    const sources = await opencodeParser.discover({ home: '/nonexistent', env: { XDG_DATA_HOME: data } });
    const rel = sources.map((s) => s.path.slice(data.length + 1)).sort();
    expect(rel).toEqual([
      'opencode/opencode.db',
      'opencode/project/global/storage/session/info/ses_4343439b2ffe8vCbtGr04gHePJ.json',
      'opencode/project/global/storage/session/info/ses_44234b4aeffe6EUGUjiyzSIEZV.json',
      'opencode/storage/session/proj_abc/ses_fx01main.json',
      'opencode/storage/session/proj_abc/ses_fx02child.json',
      'opencode/storage/session/proj_abc/ses_fx03broken.json',
    ]);
    const store = sources.find((s) => s.path.endsWith('opencode.db'));
    expect(store?.parts).toEqual([join(data, 'opencode', 'opencode.db-wal')]);
    const main = sources.find((s) => s.path.endsWith('ses_fx01main.json'));
    // 3 message files + 2 + 11 + 2 part files
    expect(main?.parts?.length).toBe(18);
    const legacy = sources.find((s) => s.path.endsWith('ses_4343439b2ffe8vCbtGr04gHePJ.json'));
    expect(legacy?.parts?.map((p) => p.split('/').pop())).toEqual([
      'msg_bcbcbc65b001tpD34xyO4SSbxB.json',
      'msg_bcbcbc6b70019j9VaJ5mTpWZzS.json',
      'prt_bcbcbc65b002SwH1YjbLrWc4db.json',
    ]);
  });

  it('uses ~/.local/share without XDG_DATA_HOME, and skips JSON sessions the store already holds', async () => {
    const home = tempDir();
    const base = join(home, '.local', 'share', 'opencode');
    mkdirSync(join(base, 'storage', 'session', 'p'), { recursive: true });
    copyFileSync(DB, join(base, 'opencode.db'));
    // a session file OpenCode left behind after migrating it into the store
    writeFileSync(
      join(base, 'storage', 'session', 'p', 'ses_12be9f828ffeaiYkWjPssYhKmB.json'),
      '{"id":"ses_12be9f828ffeaiYkWjPssYhKmB"}',
    );
    const sources = await opencodeParser.discover({ home, env: {} });
    expect(sources.map((s) => s.path)).toEqual([join(base, 'opencode.db')]);
    expect(sources[0]?.parts).toBeUndefined();
  });

  it('finds nothing (and does not throw) when OpenCode is not installed', async () => {
    expect(await opencodeParser.discover({ home: tempDir(), env: {} })).toEqual([]);
  });
});

describe('canParse', () => {
  const sniff = async (p: string) => opencodeParser.canParse(p, await readFirstBytes(p));

  it('claims the store and session files', async () => {
    expect(await sniff(DB)).toBe(true);
    expect(await sniff(join(LEGACY, 'project/global/storage/session/info/ses_4343439b2ffe8vCbtGr04gHePJ.json'))).toBe(
      true,
    );
    expect(await sniff(join(FIXTURE, 'storage/session/proj_abc/ses_fx01main.json'))).toBe(true);
  });

  it('does not claim message/part files or other tools’ files', async () => {
    expect(await sniff(join(FIXTURE, 'storage/message/ses_fx01main/msg_a001.json'))).toBe(false);
    expect(
      await sniff(
        join(
          LEGACY,
          'project/global/storage/session/message/ses_4343439b2ffe8vCbtGr04gHePJ/msg_bcbcbc65b001tpD34xyO4SSbxB.json',
        ),
      ),
    ).toBe(false);
    for (const other of [
      'cursor/workspace-aichat-composer.state.vscdb',
      'goose/sessions-db-1-session-0-messages.sqlite',
      'codex/v0.58.0-2025-11-ghost-snapshot.jsonl',
      'claude-code/v2.0.2-bash-read-summary.jsonl',
      'gemini-cli/2025-11-session-toolcalls-13.json',
      'amp/2026-02-T-019ca1ce-plan-thread.json',
    ]) {
      expect(await sniff(join(CORPUS, other)), other).toBe(false);
    }
  });

  it('does not claim a non-database named opencode.db', () => {
    expect(opencodeParser.canParse('/x/opencode/opencode.db', Buffer.from('{"id":"ses_1"}'))).toBe(false);
    expect(opencodeParser.canParse('/x/opencode/opencode.db', readFileSync(DB).subarray(0, 4096))).toBe(true);
  });
});
