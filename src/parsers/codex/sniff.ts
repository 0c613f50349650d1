import { basename } from 'node:path';
import { looksBinary } from '../shared/sniff.js';

/**
 * Content signatures of each rollout vintage. The first line of a current rollout is
 * often longer than the sniffed bytes (session_meta carries the system prompt), so these
 * match its beginning instead of parsing it.
 */
const ENVELOPE = /^\{"timestamp":"[^"]*","type":"(session_meta|response_item|event_msg|turn_context|compacted)"/;
const OLD_HEADER = /^\{"id":"[0-9a-f-]{36}","timestamp":"[^"]*",("instructions"|"git"):/;
const LEGACY_JSON = /^\{\s*"session"\s*:\s*\{\s*"(id|timestamp)"/;

const inCodexDir = (path: string): boolean => /[\\/]\.codex[\\/]|codex[\\/](archived_)?sessions[\\/]/.test(path);
const isRolloutName = (path: string): boolean => /^rollout-.*\.jsonl?$/.test(basename(path));

/** Path and content together: a Codex rollout by name or place, and by its first bytes. */
export function canParseCodex(path: string, firstBytes: Buffer): boolean {
  if (!/\.jsonl?$/i.test(path) || looksBinary(firstBytes)) return false;
  const head = firstBytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (ENVELOPE.test(head) || LEGACY_JSON.test(head) || OLD_HEADER.test(head)) return true;
  // An empty rollout is a session that has just started: claim it only where Codex writes.
  return (isRolloutName(path) || inCodexDir(path)) && (head === '' || head.startsWith('{"record_type":'));
}
