import { fileChunks } from '../hail/file-chunks.js';
import { type ReadResult, readHailSession } from '../hail/jsonl-read.js';
import { firstJsonLine } from './shared/sniff.js';

/** A HAIL JSONL file starts with a header line carrying a `hail-` version. */
export function isHailFile(firstBytes: Buffer): boolean {
  const first = firstJsonLine(firstBytes);
  return first?.type === 'header' && typeof first.version === 'string' && first.version.startsWith('hail-');
}

/** Streams a HAIL JSONL file from disk (never the whole text in memory). */
export function readHailFile(path: string, opts: { strict?: boolean } = {}): Promise<ReadResult> {
  return readHailSession(fileChunks(path), opts);
}
