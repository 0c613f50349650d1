import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type Level = 'info' | 'warn' | 'error';
export type Fields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

export interface LoggerOptions {
  /** Log file (appended to); rotated to `<file>.1` past `maxBytes`. */
  file?: string;
  /** Also write each line here (foreground mode). */
  mirror?: { write(s: string): unknown };
  maxBytes?: number;
  /** Called for every warn/error (the status file keeps the last one). */
  onProblem?: (level: Level, msg: string) => void;
}

const value = (v: unknown) => {
  const s = String(v);
  return /[\s"=]/.test(s) ? JSON.stringify(s) : s;
};

/** `2026-02-01T12:00:00.000Z INFO uploaded session=abc url=…`: one line per entry, greppable. */
export function formatLine(level: Level, msg: string, fields: Fields = {}, at = new Date()): string {
  const extra = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}=${value(v)}`)
    .join('');
  return `${at.toISOString()} ${level.toUpperCase()} ${msg.replace(/\n/g, ' ')}${extra}\n`;
}

/**
 * Appends synchronously: lines are few, and a line written is on disk even if the daemon is
 * killed right after (the log is where one looks after a crash).
 */
export function createLogger(opts: LoggerOptions): Logger {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  let written = 0;
  if (opts.file) {
    mkdirSync(dirname(opts.file), { recursive: true });
    try {
      written = statSync(opts.file).size;
    } catch {
      written = 0;
    }
  }
  const write = (level: Level, msg: string, fields?: Fields) => {
    const line = formatLine(level, msg, fields);
    opts.mirror?.write(line);
    if (level !== 'info') opts.onProblem?.(level, msg);
    if (!opts.file) return;
    try {
      if (written + line.length > maxBytes) {
        renameSync(opts.file, `${opts.file}.1`);
        written = 0;
      }
      appendFileSync(opts.file, line);
      written += line.length;
    } catch {
      // A full disk must not take the daemon down; the mirror (if any) still has the line.
    }
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
