import { neverThrow, reportNoBytes } from '../shared/guard.js';
import { readFirstBytes } from '../shared/sniff.js';
import { WarningSink } from '../shared/warnings.js';
import type { ParseOptions, ParseResult } from '../types.js';
import { parseChatJson } from './chat-json.js';
import { parseChatJsonl } from './chat-jsonl.js';
import { parseCheckpoint } from './checkpoint.js';
import { parsePromptLog } from './prompt-log.js';
import { geminiFileKind } from './sniff.js';

/**
 * Parses a Gemini CLI file of any kind; never throws. Chat JSONL files resume from an
 * offset; the whole-JSON kinds are rewritten in place by Gemini CLI and are read whole.
 */
export function parseGemini(path: string, opts: ParseOptions = {}): Promise<ParseResult> {
  return neverThrow(path, async () => {
    const sink = new WarningSink(path);
    const head = await readFirstBytes(path);
    if (head.length === 0) {
      await reportNoBytes(path, sink);
      return { sessions: [], warnings: sink.list, ...(/\.jsonl$/i.test(path) ? { offset: 0 } : {}) };
    }
    const kind =
      geminiFileKind(path, head) ??
      (/\.jsonl$/i.test(path)
        ? 'chat-jsonl'
        : /[\\/]logs\.json$/.test(path)
          ? 'prompt-log'
          : /checkpoint-[^\\/]*\.json$/.test(path)
            ? 'checkpoint'
            : 'chat-json');
    switch (kind) {
      case 'chat-jsonl':
        return parseChatJsonl(path, opts, sink);
      case 'prompt-log':
        return parsePromptLog(path, sink);
      case 'checkpoint':
        return parseCheckpoint(path, sink);
      default:
        return parseChatJson(path, sink);
    }
  });
}
