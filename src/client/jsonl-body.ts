import { hailLines } from '../hail/jsonl-write.js';
import type { Session } from '../hail/session.js';

const CHUNK_CHARS = 256 * 1024;

/**
 * A session as a streamed HAIL JSONL request body: lines are encoded in ~256 KiB chunks as
 * the connection takes them, so a large session is not held a second time as one string.
 */
export function jsonlBody(session: Session): ReadableStream<Uint8Array> {
  const lines = hailLines(session);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = '';
      for (let next = lines.next(); !next.done; next = lines.next()) {
        chunk += `${next.value}\n`;
        if (chunk.length >= CHUNK_CHARS) break;
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      else controller.close();
    },
  });
}
