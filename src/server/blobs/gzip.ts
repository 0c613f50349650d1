import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { createGzip, gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** Gzips lines (each followed by `\n`) without first joining them into one string. */
export function gzipLines(lines: Iterable<string>): Promise<Buffer> {
  const source = Readable.from(
    (function* () {
      for (const line of lines) yield `${line}\n`;
    })(),
  );
  return buffer(source.pipe(createGzip({ level: 6 })));
}

export function gunzipBody(data: Buffer): Promise<Buffer> {
  return gunzipAsync(data);
}
