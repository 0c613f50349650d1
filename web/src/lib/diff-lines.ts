export type DiffKind = 'add' | 'del' | 'ctx' | 'hunk' | 'meta';

export interface DiffRow {
  kind: DiffKind;
  text: string;
  /** Line numbers in the old and new file, when the hunk headers give them. */
  oldNo?: number;
  newNo?: number;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** A unified diff as rows to colour, with line numbers counted from the hunk headers. */
export function diffRows(diff: string): DiffRow[] {
  let oldNo: number | undefined;
  let newNo: number | undefined;
  const rows: DiffRow[] = [];
  for (const text of diff.replace(/\n$/, '').split('\n')) {
    const hunk = HUNK.exec(text);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      rows.push({ kind: 'hunk', text });
    } else if (
      text.startsWith('+++') ||
      text.startsWith('---') ||
      text.startsWith('diff ') ||
      text.startsWith('index ')
    ) {
      rows.push({ kind: 'meta', text });
    } else if (text.startsWith('+')) {
      rows.push({ kind: 'add', text, ...(newNo !== undefined && { newNo: newNo++ }) });
    } else if (text.startsWith('-')) {
      rows.push({ kind: 'del', text, ...(oldNo !== undefined && { oldNo: oldNo++ }) });
    } else {
      const row: DiffRow = { kind: 'ctx', text };
      if (oldNo !== undefined) row.oldNo = oldNo++;
      if (newNo !== undefined) row.newNo = newNo++;
      rows.push(row);
    }
  }
  return rows;
}
