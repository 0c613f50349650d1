/**
 * The `*** Begin Patch` envelope that Codex's apply_patch (and OpenCode's patch tool)
 * write: one patch may add, delete and update several files. Each file operation becomes
 * its own HAIL file event, with a unified-diff-shaped text for updates and additions.
 */
export type PatchOp =
  | { kind: 'add'; path: string; content: string; diff: string }
  | { kind: 'delete'; path: string }
  | { kind: 'update'; path: string; movePath?: string; diff: string };

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const FILE_HEADER = /^\*\*\* (Add|Delete|Update) File: (.+)$/;
const MOVE_TO = /^\*\*\* Move to: (.+)$/;

/** The patch text inside `text` (which may wrap it in a heredoc or shell command), or undefined. */
export function extractPatch(text: string): string | undefined {
  const start = text.indexOf(BEGIN);
  if (start === -1) return undefined;
  const end = text.indexOf(END, start);
  return end === -1 ? text.slice(start) : text.slice(start, end + END.length);
}

interface Draft {
  kind: 'add' | 'delete' | 'update';
  path: string;
  movePath?: string;
  body: string[];
}

/** Parses the file operations of a patch; empty when `text` holds no patch. */
export function parseApplyPatch(text: string): PatchOp[] {
  const patch = extractPatch(text);
  if (patch === undefined) return [];
  const drafts: Draft[] = [];
  let cur: Draft | undefined;
  for (const raw of patch.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Most lines are the diff body: only `*** ` lines can be headers or markers.
    if (!line.startsWith('*** ')) {
      cur?.body.push(line);
      continue;
    }
    const header = FILE_HEADER.exec(line);
    if (header && header[2]!.trim()) {
      cur = { kind: header[1]!.toLowerCase() as Draft['kind'], path: header[2]!.trim(), body: [] };
      drafts.push(cur);
      continue;
    }
    const move = MOVE_TO.exec(line);
    if (move && cur?.kind === 'update') {
      cur.movePath = move[1]!.trim();
      continue;
    }
    if (line.startsWith('*** ')) continue; // Begin/End Patch, End of File
    cur?.body.push(line);
  }
  return drafts.map(toOp);
}

function toOp(d: Draft): PatchOp {
  if (d.kind === 'delete') return { kind: 'delete', path: d.path };
  if (d.kind === 'add') {
    const lines = d.body.filter((l) => l.startsWith('+')).map((l) => l.slice(1));
    const diff = [`--- /dev/null`, `+++ b/${d.path}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)];
    return { kind: 'add', path: d.path, content: lines.join('\n'), diff: diff.join('\n') };
  }
  const target = d.movePath ?? d.path;
  const hunks = trimTrailingBlank(d.body);
  const body = hunks.length > 0 && hunks[0]?.startsWith('@@') ? hunks : ['@@', ...hunks];
  const diff = [`--- a/${d.path}`, `+++ b/${target}`, ...body].join('\n');
  return d.movePath
    ? { kind: 'update', path: d.path, movePath: d.movePath, diff }
    : { kind: 'update', path: d.path, diff };
}

function trimTrailingBlank(lines: string[]): string[] {
  let n = lines.length;
  while (n > 0 && lines[n - 1] === '') n--;
  return lines.slice(0, n);
}
