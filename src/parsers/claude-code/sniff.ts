import { looksBinary } from '../shared/sniff.js';
import { isJsonl } from './paths.js';

// Keys only Claude Code transcripts write on conversation lines (Codex, Gemini and the
// other JSONL tools use none of them); they come first on the line, so a 4 KiB head with
// a long first prompt still shows them.
const LINE_KEYS = ['"parentUuid":', '"isSidechain":'];
// Bookkeeping lines that can open a transcript, always written with `type` first.
const HEAD_TYPES = [
  'summary',
  'file-history-snapshot',
  'permission-mode',
  'queue-operation',
  'custom-title',
  'ai-title',
  'agent-name',
  'last-prompt',
  'mode',
];
const HEAD_PREFIXES = HEAD_TYPES.map((t) => `{"type":"${t}"`);

function firstLine(head: Buffer): string {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const nl = text.indexOf('\n');
  return (nl === -1 ? text : text.slice(0, nl)).trim();
}

const segments = (path: string): string[] => path.toLowerCase().split(/[\\/]/);

/** An empty transcript says nothing about its format: accept it only where Claude keeps them. */
const inClaudeDir = (path: string): boolean => segments(path).some((seg) => seg.includes('claude'));

/** `.../.claude/projects/<project>/...` (or `claude/projects`): where only Claude Code writes. */
function inProjectsDir(path: string): boolean {
  const segs = segments(path);
  const i = segs.lastIndexOf('projects');
  return i > 0 && (segs[i - 1] === '.claude' || segs[i - 1] === 'claude');
}

/** `.jsonl` whose first line is a Claude Code transcript line (or an empty file in a Claude dir). */
export function canParseClaudeCode(path: string, firstBytes: Buffer): boolean {
  if (!isJsonl(path) || looksBinary(firstBytes)) return false;
  const line = firstLine(firstBytes);
  if (!line) return inClaudeDir(path);
  if (!line.startsWith('{')) return false;
  if (HEAD_PREFIXES.some((p) => line.startsWith(p))) return true;
  if (LINE_KEYS.some((k) => line.includes(k))) return true;
  // A bookkeeping line type newer than this parser, in Claude's own directory.
  return inProjectsDir(path) && line.startsWith('{"type":"');
}
