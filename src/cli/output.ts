import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pc from 'picocolors';
import type { OutStream } from './context.js';

// Data goes to stdout, progress and logs to stderr (house rule 8). Commands format with these
// helpers so every command prints numbers, sizes and times the same way.

/** 2-space JSON and a final newline. Key order is the order the command built the object in. */
export function writeJson(out: OutStream, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLine(out: OutStream, line = ''): void {
  out.write(`${line}\n`);
}

/**
 * NO_COLOR (any non-empty value, per no-color.org) wins, then FORCE_COLOR, then whether the
 * stream is a terminal: piped output must stay free of escape codes.
 */
export function colorEnabled(stream: OutStream, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return stream.isTTY === true;
}

export type Colors = ReturnType<typeof pc.createColors>;

export function colorsFor(stream: OutStream, env: Readonly<Record<string, string | undefined>>): Colors {
  return pc.createColors(colorEnabled(stream, env));
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Binary units, one decimal above bytes: 512 B, 1.5 KB, 12.3 MB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // Rounding can reach the next unit (1023.96 KB prints as 1024.0 KB otherwise).
  if (unit > 0 && Math.abs(value) >= 1023.95 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

const TOKEN_UNITS: ReadonlyArray<readonly [number, string]> = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** Token counts the way the reference and ccusage print them: 950, 12.3K, 1.2M. */
export function formatTokens(tokens: number): string {
  const abs = Math.abs(tokens);
  for (let i = 0; i < TOKEN_UNITS.length; i++) {
    const [size, suffix] = TOKEN_UNITS[i]!;
    if (abs >= size) {
      const shown = (tokens / size).toFixed(1);
      // 999_960 would print as "1000.0K": promote to the next unit instead.
      const bigger = TOKEN_UNITS[i - 1];
      if (bigger && Math.abs(Number(shown)) >= 1000) return `${(tokens / bigger[0]).toFixed(1)}${bigger[1]}`;
      return `${shown}${suffix}`;
    }
  }
  // Below a thousand there is nothing to round; only rounding of the rare 999.96 matters.
  const rounded = Math.round(tokens);
  return Math.abs(rounded) >= 1000 ? `${(tokens / 1e3).toFixed(1)}K` : String(rounded);
}

const RELATIVE_STEPS: ReadonlyArray<readonly [number, string]> = [
  [60, 's'],
  [60, 'm'],
  [24, 'h'],
  [7, 'd'],
  [52, 'w'],
];

/** "just now", "5m ago", "3d ago", "in 2h"; past a year the date itself reads better. */
export function relativeTime(when: Date | string | number, now: Date): string {
  const then = new Date(when);
  const diffSeconds = Math.round((now.getTime() - then.getTime()) / 1000);
  const future = diffSeconds < 0;
  let value = Math.abs(diffSeconds);
  if (value < 10) return 'just now';
  for (const [size, unit] of RELATIVE_STEPS) {
    if (value < size) return future ? `in ${value}${unit}` : `${value}${unit} ago`;
    value = Math.floor(value / size);
  }
  return then.toISOString().slice(0, 10);
}

/** Writes command output to `file` when given (-o), else to stdout; the note goes to stderr. */
export async function writeOutput(
  text: string,
  file: string | undefined,
  ctx: { cwd: string; stdout: OutStream; stderr: OutStream },
): Promise<void> {
  if (!file || file === '-') {
    ctx.stdout.write(text);
    return;
  }
  const path = resolve(ctx.cwd, file);
  await writeFile(path, text);
  ctx.stderr.write(`wrote ${path}\n`);
}
