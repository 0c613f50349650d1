import { describe, expect, it } from 'vitest';
import { contentOf, text as textBlock } from '../hail/content.js';
import { eventLine, headerLine, statsLine } from '../hail/jsonl-write.js';
import type { HailEvent } from '../hail/session.js';
import { isBlocking, scanSessionFile } from './secret-scan.js';

const TOKEN = `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A'}`;
const AWS = 'AKIAIOSFODNN7REALKEY';

async function* chunks(text: string): AsyncGenerator<string> {
  // Split mid-line: lines must be reassembled across chunks.
  yield text.slice(0, 7);
  yield text.slice(7);
}

const header = (title: string) =>
  headerLine({
    version: 'hail-1.0.0',
    session_id: 's1',
    agent: { provider: 'anthropic', model: 'claude', tool: 'claude-code' },
    context: { title, tags: [], created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' },
  });

const message = (value: string): HailEvent => ({
  event_id: 'e1',
  timestamp: '2026-01-01T00:00:00Z',
  event_type: { type: 'UserMessage' },
  content: contentOf(textBlock(value)),
});

describe('scanSessionFile', () => {
  it('finds secrets in the header and in events, with their line', async () => {
    const file = [header(`deploy ${TOKEN}`), eventLine(message('hello')), eventLine(message(`key ${AWS}`))].join('\n');
    const found = await scanSessionFile(chunks(file));
    expect(found.map((f) => [f.line, f.kind, f.field, f.event_id])).toEqual([
      [1, 'github-token', 'context.title', undefined],
      [3, 'aws-access-key', 'content.blocks[0].text', 'e1'],
    ]);
    expect(JSON.stringify(found)).not.toContain(TOKEN);
  });

  it('scans lines that are not valid HAIL as raw text, so nothing escapes unscanned', async () => {
    const file = [header('ok'), '{"type":"event","broken":', `{"type":"stats","note":"${TOKEN}"}`, `plain ${AWS}`].join(
      '\n',
    );
    const found = await scanSessionFile(chunks(file));
    expect(found.map((f) => [f.line, f.kind])).toEqual([
      [3, 'github-token'],
      [4, 'aws-access-key'],
    ]);
  });

  it('finds nothing in a clean session', async () => {
    const stats = statsLine({
      event_count: 1,
      message_count: 1,
      tool_call_count: 0,
      task_count: 0,
      duration_seconds: 0,
      total_input_tokens: 0,
      total_output_tokens: 0,
      user_message_count: 1,
      files_changed: 0,
      lines_added: 0,
      lines_removed: 0,
    });
    const file = [header('fix the parser'), eventLine(message('done, all tests pass')), stats].join('\n');
    expect(await scanSessionFile(chunks(file))).toEqual([]);
  });
});

describe('isBlocking', () => {
  it('lets entropy-only findings through and stops vendor and assignment findings', () => {
    const f = { kind: 'x', field: 'f', preview: 'p' };
    expect(isBlocking({ ...f, confidence: 'low' })).toBe(false);
    expect(isBlocking({ ...f, confidence: 'medium' })).toBe(true);
    expect(isBlocking({ ...f, confidence: 'high' })).toBe(true);
  });
});
