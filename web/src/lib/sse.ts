export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * Server-Sent Events framing, fed text as it arrives. EventSource cannot send an
 * Authorization header, so streams are read with fetch and framed here.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  feed(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let nl = this.buffer.search(/\r\n|\r|\n/);
    while (nl !== -1) {
      const line = this.buffer.slice(0, nl);
      const width = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for more.
      if (this.buffer[nl] === '\r' && width === 1 && nl === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(nl + width);
      const msg = this.line(line);
      if (msg) out.push(msg);
      nl = this.buffer.search(/\r\n|\r|\n/);
    }
    return out;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    const hasData = this.data.length > 0;
    const msg: SseMessage = { event: this.event || 'message', data: this.data.join('\n') };
    if (this.id !== undefined) msg.id = this.id;
    this.event = '';
    this.data = [];
    return hasData ? msg : undefined;
  }
}

export interface StreamOptions {
  headers: Record<string, string>;
  signal: AbortSignal;
  onMessage: (m: SseMessage) => void;
  /** Called once the server accepted the stream. */
  onOpen?: () => void;
}

/** Reads one SSE response to its end (or until aborted). Throws on an HTTP error. */
export async function readEventStream(url: string, opts: StreamOptions): Promise<void> {
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...opts.headers },
    signal: opts.signal,
    cache: 'no-store',
  });
  if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
  opts.onOpen?.();
  const parser = new SseParser();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (const m of parser.feed(value)) opts.onMessage(m);
  }
}
