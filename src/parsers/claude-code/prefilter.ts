/**
 * Lines that can be passed over without JSON.parse, decided from their first bytes. JSON
 * escapes quotes inside strings, so an unescaped `"type":"x"` is always structure, never text.
 */

// Claude Code writes these bookkeeping records with `type` as the first key.
const BOOKKEEPING_PREFIXES = [
  '{"type":"file-history-snapshot"',
  '{"type":"queue-operation"',
  '{"type":"permission-mode"',
  '{"type":"last-prompt"',
];
const PROGRESS = '"type":"progress"';
const HEAD = 300;

function stringAfter(text: string, key: string): string | undefined {
  const at = text.lastIndexOf(key);
  if (at === -1) return undefined;
  const from = at + key.length;
  const end = text.indexOf('"', from);
  return end > from ? text.slice(from, end) : undefined;
}

/**
 * True for a line whose record has nothing to contribute: bookkeeping, or a progress line
 * (hook and tool progress, or an echo of a subagent whose own transcript is read anyway).
 */
export function skippable(text: string, agentFiles: ReadonlySet<string> | undefined): boolean {
  if (text.charCodeAt(2) === 0x74 /* t */) {
    for (const p of BOOKKEEPING_PREFIXES) if (text.startsWith(p)) return true;
  }
  const at = text.lastIndexOf(PROGRESS, HEAD);
  if (at === -1 || text.indexOf('"data":{', at) === -1) return false;
  if (!text.includes('"type":"agent_progress"')) return true;
  const agentId = stringAfter(text, '"agentId":"');
  return agentId !== undefined && agentFiles?.has(agentId) === true;
}
