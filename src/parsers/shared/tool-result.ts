import type { ContentBlock } from '../../hail/content.js';
import { detectLanguage } from './language.js';

const NUMBERED = /^ *(\d+)[→|\t] ?/;

/**
 * Tools like Claude's Read prefix each line with its number (`   12→code`). When most of
 * the first lines look like that, strip the numbers and keep the first one as start_line.
 * `numbered` (capturing the number in group 1) covers other tools' styles (`12 | code`, `12: code`).
 */
export function stripLineNumbers(
  text: string,
  numbered: RegExp = NUMBERED,
): { code: string; startLine: number } | undefined {
  const lines = text.split('\n');
  const head = lines.slice(0, 5);
  const hits = head.filter((l) => l.trim() === '' || numbered.test(l)).length;
  if (head.length === 0 || hits / head.length < 0.6) return undefined;
  const first = numbered.exec(lines.find((l) => numbered.test(l)) ?? '');
  if (!first) return undefined;
  return { code: lines.map((l) => l.replace(numbered, '')).join('\n'), startLine: Number(first[1]) };
}

const READ_TOOLS = new Set(['read', 'read_file', 'view', 'readfile']);

/** Content of a tool result: file reads become Code with a language; the rest Text. */
export function toolResultContent(
  toolName: string,
  output: string,
  path?: string,
  numberedStyle?: RegExp,
): ContentBlock[] {
  if (output === '') return [];
  if (READ_TOOLS.has(toolName.toLowerCase())) {
    const numbered = stripLineNumbers(output, numberedStyle);
    if (numbered)
      return [{ type: 'Code', code: numbered.code, language: detectLanguage(path), start_line: numbered.startLine }];
  }
  return [{ type: 'Text', text: output }];
}
