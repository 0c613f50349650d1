import { basename } from 'node:path';
import { looksBinary } from '../shared/sniff.js';

/** The four kinds of Gemini CLI file this parser reads. */
export type GeminiFileKind = 'chat-json' | 'chat-jsonl' | 'prompt-log' | 'checkpoint';

const CHAT_JSON = /^\{\s*"sessionId"\s*:\s*"[^"]*"\s*,\s*"projectHash"\s*:/;
const CHAT_JSONL = /^\{"sessionId":"[^"]*","projectHash":"|^\{"type":"session_metadata","sessionId":"/;
const PROMPT_LOG = /^\[\s*\{\s*"sessionId"\s*:\s*"[^"]*"\s*,\s*"messageId"\s*:/;
const CHECKPOINT = /^\[\s*\{\s*"role"\s*:\s*"(user|model)"\s*,\s*"parts"\s*:/;

const underGemini = (path: string): boolean => /[\\/]\.gemini[\\/]|gemini/i.test(path);

/**
 * Which Gemini CLI file this is, from its content first and its name second (an empty
 * `[]` prompt log or checkpoint only says what it is by where it sits), or undefined.
 */
export function geminiFileKind(path: string, firstBytes: Buffer): GeminiFileKind | undefined {
  if (looksBinary(firstBytes)) return undefined;
  const head = firstBytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  const name = basename(path);
  if (/\.jsonl$/i.test(name)) return CHAT_JSONL.test(head) ? 'chat-jsonl' : undefined;
  if (!/\.json$/i.test(name)) return undefined;
  if (CHAT_JSON.test(head)) return 'chat-json';
  if (PROMPT_LOG.test(head)) return 'prompt-log';
  if (CHECKPOINT.test(head) && (name.startsWith('checkpoint') || underGemini(path))) return 'checkpoint';
  if (/^\[\s*\]\s*$/.test(head) && underGemini(path)) {
    if (/logs/.test(name)) return 'prompt-log';
    if (name.startsWith('checkpoint-')) return 'checkpoint';
  }
  return undefined;
}

export const canParseGemini = (path: string, firstBytes: Buffer): boolean =>
  geminiFileKind(path, firstBytes) !== undefined;
