import type { HailEvent } from '../../hail/session.js';
import { editDiff } from '../shared/edit-diff.js';
import { makeEvent } from '../shared/event.js';
import { parseSearchReplace } from '../shared/search-replace.js';

const FENCE = /^\s*(`{3,}|~{3,})[\w+-]*\s*$/;

/** Aider's own rule: the file name is the last non-fence line above the block, stripped of markup. */
function fileNameAbove(lines: readonly string[], marker: number): string | undefined {
  for (let i = marker - 1; i >= Math.max(0, marker - 3); i--) {
    const l = lines[i] ?? '';
    if (!l.trim() || FENCE.test(l)) continue;
    const name = l.trim().replace(/^[#*`\s]+|[*`:\s]+$/g, '');
    return name && name.length < 300 ? name : undefined;
  }
  return undefined;
}

/**
 * FileEdit events for the SEARCH/REPLACE blocks of one assistant reply. A block without a
 * name above it edits the file of the block before (Aider does the same). `lineOf` maps a
 * reply line to its file line, which keeps event ids stable as the file grows.
 */
export function editEvents(lines: readonly string[], timestamp: string, lineOf: (i: number) => number): HailEvent[] {
  let path: string | undefined;
  return parseSearchReplace(lines).map((b) => {
    path = fileNameAbove(lines, b.markerLine) ?? path;
    const p = path ?? 'unknown';
    const diff = editDiff(p, b.search, b.replace);
    return makeEvent({
      id: `l${lineOf(b.markerLine)}`,
      timestamp,
      type: { type: 'FileEdit', data: { path: p, diff } },
      blocks: [
        { type: 'Text', text: p },
        { type: 'Code', code: diff, language: 'diff' },
      ],
      attributes: { applied: false },
    });
  });
}
