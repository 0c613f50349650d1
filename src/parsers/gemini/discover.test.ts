import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFirstBytes } from '../shared/sniff.js';
import { geminiParser } from './index.js';

const HOME = fileURLToPath(new URL('../../../test/fixtures/gemini/home/', import.meta.url));

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gemini-home-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const rel = (home: string, paths: string[]) => paths.map((p) => p.slice(home.length).replace(/^\//, ''));

describe('gemini discovery', () => {
  it('finds chats, the prompt log and checkpoints; skips a .json chat continued as .jsonl', async () => {
    const found = await geminiParser.discover({ home: HOME, env: {} });
    const project = '.gemini/tmp/demo-project';
    expect(
      rel(
        HOME,
        found.map((s) => s.path),
      ),
    ).toEqual([
      `${project}/chats/session-2026-01-05T10-00-abcd1234.jsonl`,
      `${project}/checkpoint-mytag.json`,
      `${project}/logs.json`,
    ]);
    expect(rel(HOME, found[0]!.parts ?? [])).toEqual([
      `${project}/chats/abcd1234-5678-4abc-9def-0123456789ab/sub-agent-1.jsonl`,
    ]);
  });

  it('honours GEMINI_CLI_HOME', async () => {
    cpSync(HOME, join(tmp, 'other'), { recursive: true });
    const found = await geminiParser.discover({ home: tmp, env: { GEMINI_CLI_HOME: join(tmp, 'other') } });
    expect(found).toHaveLength(3);
    expect(await geminiParser.discover({ home: tmp, env: {} })).toEqual([]);
  });
});

describe('gemini canParse', () => {
  const can = (path: string, text: string) => geminiParser.canParse(path, Buffer.from(text));

  it('claims each kind by content', () => {
    expect(can('/x/a.json', '{\n  "sessionId": "s",\n  "projectHash": "h",')).toBe(true);
    expect(can('/x/a.jsonl', '{"sessionId":"s","projectHash":"h","startTime":"t"}\n')).toBe(true);
    expect(can('/x/logs.json', '[\n  {\n    "sessionId": "s",\n    "messageId": 0,')).toBe(true);
    expect(can('/h/.gemini/tmp/p/checkpoint-a.json', '[{"role":"user","parts":[{"text":"hi"}]}]')).toBe(true);
  });

  it('claims an empty array only as a prompt log or checkpoint under .gemini', () => {
    expect(can('/h/.gemini/tmp/p/logs.json', '[]')).toBe(true);
    expect(can('/h/.gemini/tmp/p/checkpoint-x.json', '[]')).toBe(true);
    expect(can('/h/other/logs.json', '[]')).toBe(false);
  });

  it('leaves Codex, Claude and Cline files alone', () => {
    expect(can('/h/.codex/sessions/r.jsonl', '{"timestamp":"t","type":"session_meta","payload":{}}\n')).toBe(false);
    expect(can('/h/.claude/projects/p/s.jsonl', '{"type":"user","sessionId":"s"}\n')).toBe(false);
    expect(can('/h/tasks/1/api_conversation_history.json', '[{"role":"user","content":[]}]')).toBe(false);
  });
});

describe('gemini canParse over the whole corpus', () => {
  it('claims exactly the gemini-cli files, none of the other tools', async () => {
    const root = new URL('../../../../shared/corpus/', import.meta.url).pathname;
    const files = execFileSync('find', [root, '-type', 'f', '-not', '-name', '*.md', '-not', '-name', '*.tsv'])
      .toString()
      .trim()
      .split('\n');
    const claimed: string[] = [];
    for (const f of files) if (geminiParser.canParse(f, await readFirstBytes(f))) claimed.push(f);
    expect(claimed.sort()).toEqual(files.filter((f) => f.includes('/gemini-cli/')).sort());
  });
});
