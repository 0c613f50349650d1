import type { LogLevel } from './config.js';

export type LogFields = Record<string, unknown>;
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

let pending = '';
let flushScheduled = false;

function flushStderr(): void {
  flushScheduled = false;
  if (pending === '') return;
  const text = pending;
  pending = '';
  process.stderr.write(text);
}

/**
 * Lines for stderr, written once per turn of the event loop: stderr to a file or pipe is a
 * synchronous write, one system call per request line under load. What is pending is written
 * on exit too, so a crash still leaves its last lines.
 */
function writeStderrBatched(line: string): void {
  pending += `${line}\n`;
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(flushStderr);
}
process.on('exit', flushStderr);

/** One JSON object per line on stderr (stdout is data). Callers pass fields, never secrets. */
export function createLogger(level: LogLevel, write: (line: string) => void = writeStderrBatched): Logger {
  const at =
    (lvl: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields?: LogFields): void => {
      if (RANK[lvl] < RANK[level]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
