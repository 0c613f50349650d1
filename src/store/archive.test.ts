import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import type { HailEvent } from '../hail/session.js';
import { appendArchive, archivePath, readArchive, writeArchive } from './archive.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'os-archive-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const message = (id: string, text: string): HailEvent => ({
  event_id: id,
  timestamp: '2026-01-01T00:05:00Z',
  event_type: { type: 'AgentMessage' },
  content: { blocks: [{ type: 'Text', text }] },
});

describe('archive', () => {
  it('reads back a written session with its appended events', async () => {
    const s = sampleSession({ session_id: 'arch-1' });
    const file = archivePath(dir, 'claude-code', 'arch-1');
    await writeArchive(file, s);
    await appendArchive(file, [message('x1', 'appended — ünïcode ✓')]);
    const { session } = await readArchive(file);
    expect(session.events.map((e) => e.event_id)).toEqual([...s.events.map((e) => e.event_id), 'x1']);
    expect(session.events.at(-1)?.content).toEqual({ blocks: [{ type: 'Text', text: 'appended — ünïcode ✓' }] });
    expect(session.stats.event_count).toBe(s.events.length + 1);
  });

  it('keeps a session larger than one compression chunk whole', async () => {
    const s = sampleSession({ session_id: 'arch-big' });
    const big = 'x'.repeat(9 * 1024 * 1024);
    s.events = [...s.events, message('b1', big), message('b2', big), message('b3', 'after')];
    const file = archivePath(dir, 'claude-code', 'arch-big');
    await writeArchive(file, s);
    const { session } = await readArchive(file);
    expect(session.events.map((e) => e.event_id).slice(-3)).toEqual(['b1', 'b2', 'b3']);
    expect(session.events.at(-2)?.content).toEqual({ blocks: [{ type: 'Text', text: big }] });
  });

  it('makes its folder again when it was removed after a first write', async () => {
    const file = archivePath(dir, 'codex', 'arch-2');
    await writeArchive(file, sampleSession({ session_id: 'arch-2' }));
    rmSync(dirname(file), { recursive: true });
    await writeArchive(file, sampleSession({ session_id: 'arch-2' }));
    expect((await readArchive(file)).session.session_id).toBe('arch-2');
  });
});
