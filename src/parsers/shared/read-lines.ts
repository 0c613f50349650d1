import { fileChunks } from '../../hail/file-chunks.js';
import { type Line, splitLineBatches } from '../../hail/lines.js';

/**
 * Streams a file's lines from `fromOffset` in batches. Large chunks keep syscall
 * overhead low on multi-GB files while memory stays bounded to one chunk plus one line.
 * With `maxBytes`, stops after the first batch that ends at or past `fromOffset + maxBytes`
 * (always on a line boundary), so a caller can read a huge file a slice at a time.
 */
export async function* fileLineBatches(
  path: string,
  fromOffset = 0,
  startLine = 1,
  maxBytes = Number.POSITIVE_INFINITY,
): AsyncGenerator<Line[]> {
  for await (const batch of splitLineBatches(fileChunks(path, fromOffset), { startOffset: fromOffset, startLine })) {
    yield batch;
    const last = batch.at(-1);
    if (last?.complete && last.end - fromOffset >= maxBytes) return;
  }
}
