import { close, open, read } from 'node:fs';
import { promisify } from 'node:util';

// The callback API: FileHandle's promise methods cost noticeably more per call, which shows
// when every session file is opened (sniffed, then read).
export const openFd = promisify(open);
export const readFd = promisify(read);

/** Closes without waiting: the bytes are in, and waiting for close only adds a round trip. */
export const closeSoon = (fd: number): void => close(fd, () => {});
