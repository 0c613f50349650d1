import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentText } from '../../hail/content.js';
import { validateSession } from '../../hail/validate.js';
import { globToRegExp, staticPrefix } from './glob.js';
import { externalParser } from './index.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/external/', import.meta.url));
const SCRIPT = join(FIXTURES, 'csv-to-hail.mjs');
const CSV = join(FIXTURES, 'chat.csv');

/** The example converter run by this Node, with optional flags before the path. */
const csvParser = (flags: string[] = [], extra: { timeoutMs?: number } = {}) =>
  externalParser({
    name: 'CSV chat log',
    command: [process.execPath, SCRIPT, ...flags],
    extensions: ['.csv'],
    ...extra,
  });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'external-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('external parser: HAIL JSONL from a command', () => {
  it('starts a new session at each header line', async () => {
    const r = await csvParser().parse(CSV);
    expect(r.warnings).toEqual([]);
    expect(r.sessions.map((s) => [s.session_id, s.events.length])).toEqual([
      ['alpha', 3],
      ['beta', 2],
    ]);
    const alpha = r.sessions[0]!;
    expect(validateSession(alpha)).toEqual([]);
    expect(contentText(alpha.events[0]!.content)).toBe('Rename the "config" loader, please');
    expect(alpha.agent).toEqual({ provider: 'unknown', model: 'csv-model', tool: 'csv-log' });
    // No stats line: recomputed.
    expect(alpha.stats).toMatchObject({
      event_count: 3,
      user_message_count: 2,
      message_count: 3,
      duration_seconds: 60,
    });
  });

  it('reports invalid lines with their stdout line numbers and keeps the rest', async () => {
    const r = await csvParser(['--garbage']).parse(CSV);
    expect(r.sessions.map((s) => s.events.length)).toEqual([3, 2]);
    expect(r.warnings.map((w) => [w.kind, w.line])).toEqual([
      ['invalid', 5],
      ['invalid', 6],
      ['invalid', 10],
      ['invalid', 11],
    ]);
    expect(r.warnings[0]!.reason).toMatch(/invalid JSON/);
    expect(r.warnings[1]!.reason).toMatch(/unknown line type "mystery"/);
  });

  it('accepts one Session JSON document, as the reference protocol did', async () => {
    const r = await csvParser(['--json']).parse(CSV);
    expect(r.warnings).toEqual([]);
    expect(r.sessions).toHaveLength(1);
    expect(r.sessions[0]!.session_id).toBe('alpha');
    expect(r.sessions[0]!.stats.user_message_count).toBe(2);
  });
});

describe('external parser: failures are warnings', () => {
  it('drops the output of a command that exits non-zero and quotes its stderr', async () => {
    const r = await csvParser(['--fail']).parse(CSV);
    expect(r.sessions).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ kind: 'invalid', file: CSV });
    expect(r.warnings[0]!.reason).toMatch(
      /exited with 3: csv-to-hail: row 7: unknown role "robot"\nsecond line of detail/,
    );
  });

  it('kills a command that runs past its timeout', async () => {
    const r = await csvParser(['--sleep=5000'], { timeoutMs: 300 }).parse(CSV);
    expect(r.sessions).toEqual([]);
    expect(r.warnings[0]!.reason).toMatch(/timed out after 300 ms/);
  });

  it('reports a command that cannot start', async () => {
    const p = externalParser({ name: 'gone', command: [join(dir, 'no-such-converter')], glob: '*.log' });
    const r = await p.parse(CSV);
    expect(r.sessions).toEqual([]);
    expect(r.warnings[0]!.reason).toMatch(/could not start gone .*ENOENT/);
  });

  it('reports output that is neither HAIL nor a Session', async () => {
    const script = join(dir, 'bad.mjs');
    writeFileSync(script, 'console.log(JSON.stringify({ version: "v2", session_id: "x" }));\n');
    const r = await externalParser({ name: 'bad', command: [process.execPath, script], extensions: ['.csv'] }).parse(
      CSV,
    );
    expect(r.sessions).toEqual([]);
    expect(r.warnings.map((w) => w.kind)).toEqual(['invalid']);
    expect(r.warnings[0]!.reason).toMatch(/not a HAIL Session/);
    const empty = join(dir, 'empty.mjs');
    writeFileSync(empty, '');
    const r2 = await externalParser({ name: 'quiet', command: [process.execPath, empty], extensions: ['.csv'] }).parse(
      CSV,
    );
    expect(r2.warnings.map((w) => w.kind)).toEqual(['empty']);
  });

  it('never runs the path through a shell', async () => {
    const tricky = join(dir, 'a; touch pwned.csv');
    copyFileSync(CSV, tricky);
    const r = await csvParser().parse(tricky);
    expect(r.sessions).toHaveLength(2);
  });

  it('rejects an invalid configuration when it is created', () => {
    expect(() => externalParser({ name: 'x', command: [], glob: '*.x' })).toThrow(/command/);
    expect(() => externalParser({ name: 'x', command: ['conv'] })).toThrow(/glob or extensions/);
  });
});

describe('external parser: claiming and discovering files', () => {
  it('claims files by glob or extension only', () => {
    const p = externalParser({
      name: 'logs',
      command: ['conv'],
      glob: '~/chats/**/*.{log,txt}',
      home: '/home/u',
      tool: 'goose',
    });
    expect(p.tool).toBe('goose');
    expect(p.displayName).toBe('logs');
    expect(p.canParse('/home/u/chats/a.log', Buffer.alloc(0))).toBe(true);
    expect(p.canParse('/home/u/chats/2025/01/b.txt', Buffer.alloc(0))).toBe(true);
    expect(p.canParse('/home/u/other/a.log', Buffer.alloc(0))).toBe(false);
    expect(csvParser().canParse('/any/where/Chat.CSV', Buffer.alloc(0))).toBe(true);
    expect(csvParser().canParse('/any/where/chat.json', Buffer.alloc(0))).toBe(false);
  });

  it('discovers files matching the glob under the given home', async () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, 'chats', '2025'), { recursive: true });
    for (const f of ['chats/a.csv', 'chats/2025/b.csv', 'chats/2025/c.txt']) writeFileSync(join(home, f), 'x');
    const p = externalParser({ name: 'csv', command: ['conv'], glob: '~/chats/**/*.csv' });
    const found = await p.discover({ home, env: {} });
    expect(found.map((f) => [f.path, f.tool])).toEqual([
      [join(home, 'chats', '2025', 'b.csv'), 'external'],
      [join(home, 'chats', 'a.csv'), 'external'],
    ]);
    expect(await csvParser().discover({ home, env: {} })).toEqual([]);
  });

  it('translates globs', () => {
    expect(globToRegExp('*.log').test('/x/y/a.log')).toBe(true);
    expect(globToRegExp('*.log').test('/x/y/a.log.bak')).toBe(false);
    expect(globToRegExp('/a/**/b/*.json').test('/a/b/c.json')).toBe(true);
    expect(globToRegExp('/a/**/b/*.json').test('/a/x/y/b/c.json')).toBe(true);
    expect(globToRegExp('/a/?.[jt]s').test('/a/x.ts')).toBe(true);
    expect(globToRegExp('/a/(x).log').test('/a/(x).log')).toBe(true);
    expect(staticPrefix('/h/chats/**/*.csv')).toEqual({ dir: '/h/chats', rest: '**/*.csv' });
  });
});
