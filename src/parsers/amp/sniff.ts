import { basename } from 'node:path';
import { looksBinary } from '../shared/sniff.js';

const THREAD_NAME = /(^|[-_])T-[\w-]+\.json$/;

/** By location (`amp/threads`, the legacy extension store) or a `T-<id>.json` name, then content. */
export function canParseThread(path: string, firstBytes: Buffer): boolean {
  const p = path.replace(/\\/g, '/');
  const located = p.includes('/amp/threads/') || p.includes('/sourcegraph.amp/') || THREAD_NAME.test(basename(p));
  if (!located || looksBinary(firstBytes)) return false;
  const head = firstBytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!head.startsWith('{')) return false;
  return /"id"\s*:\s*"T-/.test(head) || (/"v"\s*:\s*\d/.test(head) && /"messages"\s*:/.test(head));
}
