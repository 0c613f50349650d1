import { closeSync, openSync, readSync } from 'node:fs';

/*
 * Session files are read with blocking calls on purpose. Most are small, and there a trip
 * through libuv's thread pool (queue, wake a worker, wake the loop) costs more than the
 * system call itself: three or four per file (sniff, open, read, close) were most of the
 * time of parsing a Gemini chat or an Amp thread (4.9 -> 3.3 ms CPU for the corpus chats).
 * Reads are at most a few MiB, so the loop is never held for long; the callers are index
 * runs and the daemon, not request handlers.
 */

export const openFd = (path: string): number => openSync(path, 'r');

/** Reads into `buf[offset, offset + length)` from file position `pos`; the count read. */
export const readFd = (fd: number, buf: Buffer, offset: number, length: number, pos: number): number =>
  readSync(fd, buf, offset, length, pos);

export const closeFd = (fd: number): void => closeSync(fd);
