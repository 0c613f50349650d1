import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFirstBytes } from '../shared/sniff.js';
import { canParseClaudeCode } from './sniff.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const line = (o: unknown) => Buffer.from(`${JSON.stringify(o)}\n`);

describe('canParseClaudeCode', () => {
  it('claims no other tool’s file in the corpus (Codex, Gemini, Cursor, Copilot... JSONL included)', async () => {
    const others = files(CORPUS).filter((p) => !p.includes('/claude-code/') && !p.endsWith('.tsv'));
    for (const p of others) expect([p, canParseClaudeCode(p, await readFirstBytes(p))]).toEqual([p, false]);
  });

  it('accepts a transcript whose first line is a long prompt cut at 4 KiB', () => {
    const head = Buffer.from(
      `{"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"${'x'.repeat(5000)}"}}`,
    ).subarray(0, 4096);
    expect(canParseClaudeCode('/tmp/s.jsonl', head)).toBe(true);
  });

  it('accepts transcripts opening with a bookkeeping line', () => {
    for (const type of [
      'summary',
      'file-history-snapshot',
      'permission-mode',
      'queue-operation',
      'custom-title',
      'ai-title',
    ])
      expect(canParseClaudeCode('/x/s.jsonl', line({ type, sessionId: 's' }))).toBe(true);
  });

  it('accepts a new bookkeeping line type only inside Claude’s projects directory', () => {
    const head = line({ type: 'pr-link', sessionId: 's' });
    expect(canParseClaudeCode('/home/u/.claude/projects/-home-u-app/s.jsonl', head)).toBe(true);
    expect(canParseClaudeCode('/home/u/.config/claude/projects/p/s.jsonl', head)).toBe(true);
    expect(canParseClaudeCode('/home/u/elsewhere/s.jsonl', head)).toBe(false);
  });

  it('accepts an empty transcript only inside a Claude directory', () => {
    expect(canParseClaudeCode('/home/u/.claude/projects/p/s.jsonl', Buffer.alloc(0))).toBe(true);
    expect(canParseClaudeCode('/home/u/.codex/sessions/s.jsonl', Buffer.alloc(0))).toBe(false);
  });

  it('rejects other extensions, binary content and other JSONL shapes', () => {
    const claude = line({ parentUuid: null, isSidechain: false, type: 'user' });
    expect(canParseClaudeCode('/x/s.json', claude)).toBe(false);
    expect(canParseClaudeCode('/x/s.jsonl', Buffer.from([0x7b, 0, 1, 2]))).toBe(false);
    expect(canParseClaudeCode('/x/s.jsonl', line({ type: 'session_metadata', sessionId: 's' }))).toBe(false);
    expect(canParseClaudeCode('/x/s.jsonl', line({ timestamp: 't', type: 'session_meta', payload: {} }))).toBe(false);
    expect(canParseClaudeCode('/x/s.jsonl', Buffer.from('not json\n'))).toBe(false);
  });
});
