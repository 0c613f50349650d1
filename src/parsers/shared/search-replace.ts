import { editDiff } from './edit-diff.js';

/**
 * One edit of the SEARCH/REPLACE family of formats: Aider's and old Cline's
 * `<<<<<<< SEARCH` / `=======` / `>>>>>>> REPLACE`, new Cline's `------- SEARCH` /
 * `+++++++ REPLACE`, and Roo Code's apply_diff with `:start_line:` headers.
 */
export interface SearchReplaceBlock {
  search: string;
  replace: string;
  /** Index of the SEARCH marker line in the input lines (Aider names the file just above it). */
  markerLine: number;
  startLine?: number;
}

const SEARCH = /^(?:<{5,9}|-{5,9}) ?SEARCH\s*$/;
const DIVIDER = /^={5,9}\s*$/;
const REPLACE = /^(?:>{5,9}|\+{5,9}) ?REPLACE\s*$/;
const START_LINE = /^:start_line:\s*(\d+)\s*$/;
const HEADER_LINE = /^:(?:start|end)_line:/;
const HEADER_END = /^-{3,}\s*$/;

/** The blocks of a SEARCH/REPLACE text; an unterminated last block is kept as far as it goes. */
export function parseSearchReplace(lines: readonly string[]): SearchReplaceBlock[] {
  const blocks: SearchReplaceBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!SEARCH.test(lines[i] ?? '')) {
      i++;
      continue;
    }
    const markerLine = i++;
    let startLine: number | undefined;
    while (i < lines.length && HEADER_LINE.test(lines[i] ?? '')) {
      const m = START_LINE.exec(lines[i] ?? '');
      if (m) startLine = Number(m[1]);
      i++;
    }
    if (startLine !== undefined && HEADER_END.test(lines[i] ?? '')) i++;
    const search: string[] = [];
    while (i < lines.length && !DIVIDER.test(lines[i] ?? '') && !REPLACE.test(lines[i] ?? '')) search.push(lines[i++]!);
    const replace: string[] = [];
    if (DIVIDER.test(lines[i] ?? '')) {
      i++;
      while (i < lines.length && !REPLACE.test(lines[i] ?? '') && !SEARCH.test(lines[i] ?? ''))
        replace.push(lines[i++]!);
    }
    if (REPLACE.test(lines[i] ?? '')) i++;
    const block: SearchReplaceBlock = { search: search.join('\n'), replace: replace.join('\n'), markerLine };
    blocks.push(startLine === undefined ? block : { ...block, startLine });
  }
  return blocks;
}

/** A unified-diff-shaped text for every block of `text` applied to `path`, or undefined when it holds none. */
export function searchReplaceDiff(path: string, text: string): string | undefined {
  const blocks = parseSearchReplace(text.split(/\r?\n/));
  if (blocks.length === 0) return undefined;
  return blocks.map((b) => editDiff(path, b.search, b.replace)).join('\n');
}
