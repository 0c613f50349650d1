import type { ContentBlock } from '../../hail/content.js';
import type { EventType } from '../../hail/event-type.js';
import { type ClassifiedTool, classifyTool, type ToolInput } from '../shared/classify.js';
import { isRecord, num, str } from '../shared/text.js';
import { toolResultContent } from '../shared/tool-result.js';

/** Amp tools whose names mean a HAIL kind that the shared table does not know. */
const KIND_OVERRIDES: Record<string, EventType['type']> = {
  read_web_page: 'WebFetch',
  codebase_search_agent: 'CodeSearch',
  finder: 'CodeSearch',
};

/** Amp's glob tool takes `filePattern`; the shared classifier reads `pattern`. */
function inputFor(name: string, input: ToolInput): ToolInput {
  if (name.toLowerCase() === 'glob' && input.pattern === undefined) return { ...input, pattern: input.filePattern };
  return input;
}

export function classifyAmpTool(name: string, rawInput: unknown): ClassifiedTool {
  const input = isRecord(rawInput) ? rawInput : {};
  return classifyTool(name, inputFor(name, input), KIND_OVERRIDES[name]);
}

/** Amp's Read numbers lines `12: code`. */
const COLON_NUMBERED = /^ *(\d+): ?/;

export interface AmpResult {
  blocks: ContentBlock[];
  exitCode?: number;
}

/** A tool result's `run.result` in whichever shape the tool returns it. */
export function ampResultContent(tool: string, result: unknown, path?: string): AmpResult {
  if (result === undefined || result === null) return { blocks: [] };
  if (typeof result === 'string') return { blocks: toolResultContent(tool, result, path, COLON_NUMBERED) };
  if (Array.isArray(result) && result.every((r) => typeof r === 'string')) {
    return { blocks: toolResultContent(tool, result.join('\n'), path) };
  }
  if (isRecord(result)) {
    if (result.isDirectory === true && Array.isArray(result.directoryEntries)) {
      return { blocks: [{ type: 'Text', text: result.directoryEntries.map(String).join('\n') }] };
    }
    const content = str(result.content);
    if (content !== undefined && result.isDirectory !== true) {
      return { blocks: toolResultContent('read', content, str(result.absolutePath) ?? path, COLON_NUMBERED) };
    }
    const diff = str(result.diff);
    if (diff !== undefined) return { blocks: [{ type: 'Code', code: diff, language: 'diff' }] };
    const output = str(result.output);
    const exitCode = num(result.exitCode);
    if (output !== undefined)
      return { blocks: toolResultContent(tool, output), ...(exitCode !== undefined ? { exitCode } : {}) };
  }
  return { blocks: [{ type: 'Json', data: result }] };
}
