import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentText } from '../../hail/content.js';
import { validateSession } from '../../hail/validate.js';
import { aiderParser } from './index.js';
import { parseCount, parseTokens } from './output.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/aider/', import.meta.url));

let dir: string;
let FIXTURE: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aider-fx-'));
  // Stored under other names (formatters strip Aider's meaningful trailing spaces from .md).
  FIXTURE = join(dir, '.aider.chat.history.md');
  copyFileSync(join(FIXTURES, 'chat.history.txt'), FIXTURE);
  copyFileSync(join(FIXTURES, 'input.history.txt'), join(dir, '.aider.input.history'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('aider: shapes the corpus lacks (hand-made history)', () => {
  it('reads prompts, replies with their edits, Aider output, commands and a model switch', async () => {
    const r = await aiderParser.parse(FIXTURE);
    expect(r.warnings).toEqual([]);
    // The second run has no prompt: started and quit, not a session.
    expect(r.sessions).toHaveLength(1);
    const s = r.sessions[0]!;
    expect(validateSession(s)).toEqual([]);
    expect(s.events.map((e) => e.event_type.type)).toEqual([
      'SystemMessage',
      'UserMessage',
      'SystemMessage',
      'UserMessage',
      'AgentMessage',
      'FileEdit',
      'FileEdit',
      'SystemMessage',
      'UserMessage',
      'ShellCommand',
      'SystemMessage',
      'UserMessage',
      'SystemMessage',
      'UserMessage',
      'SystemMessage',
      'UserMessage',
      'AgentMessage',
      'FileEdit',
      'SystemMessage',
      'UserMessage',
      'ShellCommand',
      'SystemMessage',
    ]);
    const [reply, edit1, edit2] = [s.events[4]!, s.events[5]!, s.events[6]!];
    // `#### Plan` and the `>` quote belong to the reply, not to the person or to Aider.
    expect(contentText(reply.content)).toMatch(/^#### Plan\n[\s\S]*> Note: both go in/);
    expect(edit1.event_type).toMatchObject({ type: 'FileEdit', data: { path: 'src/app.py' } });
    expect(edit2.event_type).toMatchObject({
      type: 'FileEdit',
      data: { path: 'src/app.py', diff: expect.stringContaining('+def farewell():') },
    });
    expect([edit1, edit2, s.events[17]!].map((e) => e.attributes?.applied)).toEqual([true, true, false]);
    expect(s.events[18]!.attributes).toEqual({ error: true });
    expect(s.events[7]!.attributes).toEqual({ commits: ['1a2b3c4'] });
    expect(s.events[9]!.event_type).toEqual({ type: 'ShellCommand', data: { command: 'pytest -q' } });
    expect(s.events[20]!.event_type).toEqual({ type: 'ShellCommand', data: { command: 'ls src' } });
    expect(contentText(s.events[14]!.content)).toContain('1,512 tokens total');
    // Prompt cache: "sent" includes the cached parts, which HAIL counts apart.
    expect(reply.attributes).toMatchObject({
      input_tokens: 1000,
      cache_creation_tokens: 2400,
      cache_read_tokens: 1200,
      output_tokens: 104,
      cost_usd: 0.02,
    });
    expect(s.events[16]!.attributes).toMatchObject({ model: 'gpt-4.1', input_tokens: 1_500_000, output_tokens: 12 });
    expect(reply.attributes?.model).toBe('anthropic/claude-sonnet-4-20250514');
    expect(s.agent).toMatchObject({ model: 'anthropic/claude-sonnet-4-20250514', tool_version: '0.82.0' });
    // Commands that only manage the chat do not make the title.
    expect(s.context.title).toBe('Make greet() say hello and add a farewell()');
    expect(s.events[1]!.timestamp).toBe('2025-05-01T09:00:05.000Z');
    expect(s.events.at(-1)!.timestamp).toBe('2025-05-01T09:05:00.000Z');
  });

  it('parses token counts with k and M suffixes', () => {
    expect(parseCount('12', 'k')).toBe(12_000);
    expect(parseCount('1.5', 'M')).toBe(1_500_000);
    expect(parseCount('345', '')).toBe(345);
    expect(parseTokens('Tokens: 12k sent, 345 received. Cost: $0.01 message, $0.20 session.')).toEqual({
      usage: { input: 12_000, output: 345, cacheRead: 0, cacheCreation: 0 },
      costUsd: 0.01,
    });
    expect(parseTokens('Tokens: 1.9k sent, 638 received.')?.usage.input).toBe(1900);
    expect(parseTokens('Tokens: none')).toBeUndefined();
  });
});

describe('aider: sniffing and bad input', () => {
  it('claims chat histories by name and first line only', () => {
    const head = Buffer.from('\n# aider chat started at 2025-01-01 10:00:00\n');
    expect(aiderParser.canParse('/p/.aider.chat.history.md', head)).toBe(true);
    expect(aiderParser.canParse('/p/README.md', head)).toBe(false);
    expect(aiderParser.canParse('/p/.aider.chat.history.md', Buffer.from('# Notes\n'))).toBe(false);
  });

  it('reports empty, binary, missing and header-less files without throwing', async () => {
    const write = (name: string, data: string | Buffer) => {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    };
    expect((await aiderParser.parse(write('e.chat.history.md', ''))).warnings.map((w) => w.kind)).toEqual(['empty']);
    expect(
      (await aiderParser.parse(write('b.chat.history.md', Buffer.from([0, 1, 2])))).warnings.map((w) => w.kind),
    ).toEqual(['binary']);
    expect((await aiderParser.parse(join(dir, 'missing.chat.history.md'))).warnings.map((w) => w.kind)).toEqual([
      'unreadable',
    ]);
    const stray = await aiderParser.parse(write('s.chat.history.md', 'hello\n#### hi  \n'));
    expect(stray.sessions).toEqual([]);
    expect(stray.warnings.map((w) => w.kind)).toEqual(['unknown-shape']);
  });

  it('finds histories only at the top of project roots and the home directory', async () => {
    const home = mkdtempSync(join(tmpdir(), 'aider-home-'));
    writeFileSync(join(home, '.aider.chat.history.md'), '# aider chat started at 2025-01-01 10:00:00\n');
    const found = await aiderParser.discover({ home, env: {}, projectRoots: [join(home, 'missing')] });
    expect(found.map((f) => [f.path, f.tool, f.parts])).toEqual([
      [join(home, '.aider.chat.history.md'), 'aider', undefined],
    ]);
    rmSync(home, { recursive: true, force: true });
  });
});
