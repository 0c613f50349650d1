import { createReadStream } from 'node:fs';
import { type Line, splitLineBatches } from '../../hail/lines.js';

/**
 * Streams a file's lines from `fromOffset` in batches. Large chunks keep syscall
 * overhead low on multi-GB files while memory stays bounded to one chunk plus one line.
 */
export function fileLineBatches(path: string, fromOffset = 0, startLine = 1): AsyncGenerator<Line[]> {
  const stream = createReadStream(path, { start: fromOffset, highWaterMark: 1 << 20 });
  return splitLineBatches(stream, { startOffset: fromOffset, startLine });
}
