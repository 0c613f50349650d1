import { open, stat } from 'node:fs/promises';
import { stripTerminalEscapes } from '../../hail/terminal-safe.js';
import type { CliContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { daemonFilesOf } from './daemon-paths.js';

export interface DaemonLogsOptions {
  dataDir?: string;
  lines: number;
  follow: boolean;
}

const CHUNK = 64 * 1024;

/** The last `n` lines of a file, reading backwards in chunks (logs can be megabytes). */
export async function readLogTail(file: string, n: number): Promise<string[]> {
  const fh = await open(file, 'r').catch(() => undefined);
  if (!fh) return [];
  try {
    const { size } = await fh.stat();
    let pos = size;
    let text = '';
    while (pos > 0 && text.split('\n').length <= n + 1) {
      const len = Math.min(CHUNK, pos);
      pos -= len;
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, pos);
      text = buf.toString('utf8') + text;
    }
    return text.replace(/\n$/, '').split('\n').slice(-n).filter(Boolean);
  } finally {
    await fh.close();
  }
}

/** Prints what is appended to the file from `offset` on, until SIGINT; follows a rotation. */
async function follow(file: string, offset: number, ctx: CliContext): Promise<void> {
  let pos = offset;
  let stop = false;
  process.once('SIGINT', () => {
    stop = true;
  });
  while (!stop) {
    const size = (await stat(file).catch(() => undefined))?.size ?? 0;
    if (size < pos) pos = 0; // rotated
    if (size > pos) {
      const fh = await open(file, 'r');
      const buf = Buffer.alloc(size - pos);
      await fh.read(buf, 0, buf.length, pos);
      await fh.close();
      pos = size;
      ctx.stdout.write(stripTerminalEscapes(buf.toString('utf8')));
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** `ops daemon logs [-n N] [-f]`: the daemon's log, escapes stripped (lines quote server and session text). */
export async function handleDaemonLogs(opts: DaemonLogsOptions, ctx: CliContext): Promise<void> {
  const file = daemonFilesOf(opts, ctx).log;
  const size = (await stat(file).catch(() => undefined))?.size;
  if (size === undefined && !opts.follow)
    throw new NotFoundError(`no daemon log at ${file}`, 'start the daemon with `opensession ops daemon start`');
  for (const line of await readLogTail(file, opts.lines)) ctx.stdout.write(`${stripTerminalEscapes(line)}\n`);
  if (opts.follow) await follow(file, size ?? 0, ctx);
}
