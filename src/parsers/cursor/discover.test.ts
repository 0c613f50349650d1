import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readFirstBytes } from '../shared/sniff.js';
import { cursorParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const WORKSPACE_DB = join(CORPUS, 'cursor/workspace-aichat-composer.state.vscdb');
const GLOBAL_DB = join(CORPUS, 'cursor/global-cursorDiskKV-no-bubbles.state.vscdb');
const TRANSCRIPT = join(CORPUS, 'cursor/agent-transcript-fixture-hbo.jsonl');
const PROJECTS = fileURLToPath(new URL('../../../test/fixtures/cursor/projects/', import.meta.url));

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cursor-disc-'));
  temps.push(d);
  return d;
};

describe('discover', () => {
  it('finds global and workspace databases and agent transcripts (both layouts)', async () => {
    const home = tempDir();
    const user = join(home, '.config', 'Cursor', 'User');
    mkdirSync(join(user, 'globalStorage'), { recursive: true });
    mkdirSync(join(user, 'workspaceStorage', 'abc123'), { recursive: true });
    mkdirSync(join(user, 'workspaceStorage', 'empty'), { recursive: true });
    copyFileSync(GLOBAL_DB, join(user, 'globalStorage', 'state.vscdb'));
    writeFileSync(join(user, 'globalStorage', 'state.vscdb-wal'), '');
    copyFileSync(WORKSPACE_DB, join(user, 'workspaceStorage', 'abc123', 'state.vscdb'));
    cpSync(PROJECTS, join(home, '.cursor', 'projects'), { recursive: true });
    const flat = join(home, '.cursor', 'projects', 'Users-dev-other', 'agent-transcripts');
    mkdirSync(flat, { recursive: true });
    copyFileSync(TRANSCRIPT, join(flat, 'f0f0.jsonl'));
    const sources = await cursorParser.discover({ home, env: {} });
    const rel = sources.map((s) => s.path.slice(home.length + 1));
    expect(rel).toEqual([
      '.config/Cursor/User/globalStorage/state.vscdb',
      '.config/Cursor/User/workspaceStorage/abc123/state.vscdb',
      '.cursor/projects/Users-dev-app/agent-transcripts/5e12d300-aaaa-4bbb-8ccc-000000000001/5e12d300-aaaa-4bbb-8ccc-000000000001.jsonl',
      '.cursor/projects/Users-dev-other/agent-transcripts/f0f0.jsonl',
    ]);
    expect(sources[0]?.parts).toEqual([join(user, 'globalStorage', 'state.vscdb-wal')]);
    expect(sources[2]?.parts?.map((p) => p.slice(p.lastIndexOf('/') + 1))).toEqual(['sub-7f00.jsonl']);
    expect(sources[3]?.parts).toBeUndefined();
  });

  it('looks in macOS Application Support and %APPDATA% too', async () => {
    const home = tempDir();
    const appdata = tempDir();
    for (const user of [
      join(home, 'Library', 'Application Support', 'Cursor', 'User'),
      join(appdata, 'Cursor', 'User'),
    ]) {
      mkdirSync(join(user, 'globalStorage'), { recursive: true });
      copyFileSync(GLOBAL_DB, join(user, 'globalStorage', 'state.vscdb'));
    }
    const sources = await cursorParser.discover({ home, env: { APPDATA: appdata } });
    expect(sources).toHaveLength(2);
  });

  it('finds nothing when Cursor is not installed', async () => {
    expect(await cursorParser.discover({ home: tempDir(), env: {} })).toEqual([]);
  });
});

describe('canParse', () => {
  const sniff = async (p: string) => cursorParser.canParse(p, await readFirstBytes(p));

  it('claims state databases and agent transcripts', async () => {
    expect(await sniff(WORKSPACE_DB)).toBe(true);
    expect(await sniff(GLOBAL_DB)).toBe(true);
    expect(await sniff(TRANSCRIPT)).toBe(true);
  });

  it('does not claim other tools’ JSONL, even under ~/.cursor', async () => {
    for (const other of [
      'claude-code/v2.0.2-bash-read-summary.jsonl',
      'claude-code/v2.1.1-agent-file-api-error.jsonl',
      'codex/v0.58.0-2025-11-ghost-snapshot.jsonl',
      'factory-droid/droid-session-fixture.jsonl',
      'windsurf/cascade-hook-trajectory-fixture.jsonl',
      'copilot/cli-events-fixture-anonymized.jsonl',
      'goose/sessions-db-1-session-0-messages.sqlite',
      'opencode/sqlite-opencode-1.17-3-sessions.db',
    ]) {
      const bytes = await readFirstBytes(join(CORPUS, other));
      expect(
        cursorParser.canParse(`/home/a/.cursor/projects/x/agent-transcripts/${other.split('/')[1]}`, bytes),
        other,
      ).toBe(false);
    }
  });

  it('needs the transcript location as well as the shape', async () => {
    const bytes = await readFirstBytes(TRANSCRIPT);
    expect(cursorParser.canParse('/home/a/notes/session.jsonl', bytes)).toBe(false);
    expect(cursorParser.canParse('/home/a/.cursor/projects/p/agent-transcripts/x.jsonl', bytes)).toBe(true);
  });
});
