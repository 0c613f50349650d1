import type { ContentBlock } from '../../hail/content.js';
import { detectLanguage } from './language.js';

const NUMBERED = /^ *(\d+)[→|\t] ?/;

/**
 * Tools like Claude's Read prefix each line with its number (`   12→code`). When most of
 * the first lines look like that, strip the numbers and keep the first one as start_line.
 */
export function stripLineNumbers(text: string): { code: string; startLine: number } | undefined {
  const lines = text.split('\n');
  const head = lines.slice(0, 5);
  const hits = head.filter((l) => l.trim() === '' || NUMBERED.test(l)).length;
  if (head.length === 0 || hits / head.length < 0.6) return undefined;
  const first = NUMBERED.exec(lines.find((l) => NUMBERED.test(l)) ?? '');
  if (!first) return undefined;
  return { code: lines.map((l) => l.replace(NUMBERED, '')).join('\n'), startLine: Number(first[1]) };
}

const READ_TOOLS = new Set(['read', 'read_file', 'view', 'readfile']);

/** Content of a tool result: file reads become Code with a language; the rest Text. */
export function toolResultContent(toolName: string, output: string, path?: string): ContentBlock[] {
  if (output === '') return [];
  if (READ_TOOLS.has(toolName.toLowerCase())) {
    const numbered = stripLineNumbers(output);
    if (numbered)
      return [{ type: 'Code', code: numbered.code, language: detectLanguage(path), start_line: numbered.startLine }];
  }
  return [{ type: 'Text', text: output }];
}
