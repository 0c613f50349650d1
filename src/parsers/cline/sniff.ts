import { basename } from 'node:path';
import { looksBinary } from '../shared/sniff.js';
import { isApiHistoryName, isUiMessagesName } from './task-files.js';
import { type ClineVariant, variantOfPath } from './variants.js';

/** The first bytes of a JSON array (after a BOM and whitespace), or undefined when not one. */
function arrayHead(firstBytes: Buffer): string | undefined {
  const text = firstBytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return text.startsWith('[') ? text : undefined;
}

/**
 * The task files have distinctive names; the content check keeps other tools' JSON (and
 * binaries renamed .json) out. Each variant claims only its own extension folder; files
 * outside any (the CLI, loose copies) are Cline's.
 */
export function canParseTaskFile(v: ClineVariant, path: string, firstBytes: Buffer): boolean {
  if ((variantOfPath(path)?.tool ?? 'cline') !== v.tool) return false;
  if (looksBinary(firstBytes)) return false;
  const name = basename(path);
  const head = arrayHead(firstBytes);
  if (head === undefined) return false;
  const empty = /^\[\s*(\]|$)/.test(head);
  if (isApiHistoryName(name)) return empty || /"(role|content)"\s*:/.test(head);
  if (isUiMessagesName(name)) return empty || (/"ts"\s*:/.test(head) && /"(say|ask|type)"\s*:/.test(head));
  return false;
}
