import { describe, expect, it } from 'vitest';
import { colorEnabled, colorsFor, formatBytes, formatTokens, relativeTime, writeJson } from './output.js';

describe('formatTokens', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [1_000, '1.0K'],
    [12_345, '12.3K'],
    [999_949, '999.9K'],
    [999_960, '1.0M'],
    [1_234_567, '1.2M'],
    [88_000, '88.0K'],
    [3_400_000_000, '3.4B'],
  ])('%i -> %s', (n, text) => {
    expect(formatTokens(n)).toBe(text);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KB'],
    [12.3 * 1024 * 1024, '12.3 MB'],
    [1024 * 1024 - 10, '1.0 MB'],
    [5 * 1024 ** 3, '5.0 GB'],
  ])('%i -> %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-02-10T12:00:00Z');
  it.each([
    ['2026-02-10T11:59:55Z', 'just now'],
    ['2026-02-10T11:59:15Z', '45s ago'],
    ['2026-02-10T11:55:00Z', '5m ago'],
    ['2026-02-10T09:00:00Z', '3h ago'],
    ['2026-02-07T12:00:00Z', '3d ago'],
    ['2026-01-20T12:00:00Z', '3w ago'],
    ['2026-02-10T14:00:00Z', 'in 2h'],
    ['2024-01-01T00:00:00Z', '2024-01-01'],
  ])('%s -> %s', (when, text) => {
    expect(relativeTime(when, now)).toBe(text);
  });
});

describe('colour', () => {
  it('NO_COLOR wins over a terminal and FORCE_COLOR', () => {
    expect(colorEnabled({ write: () => 0, isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });
  it('is off when piped and on in a terminal', () => {
    expect(colorEnabled({ write: () => 0 }, {})).toBe(false);
    expect(colorEnabled({ write: () => 0, isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ write: () => 0 }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled({ write: () => 0, isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });
  it('disabled colours return the text unchanged', () => {
    expect(colorsFor({ write: () => 0, isTTY: true }, { NO_COLOR: '1' }).bold('x')).toBe('x');
    expect(colorsFor({ write: () => 0, isTTY: true }, {}).bold('x')).toBe('\x1b[1mx\x1b[22m');
  });
});

describe('writeJson', () => {
  it('writes 2-space JSON and a newline', () => {
    let out = '';
    writeJson({ write: (s) => (out += s) }, { a: 1, b: [true] });
    expect(out).toBe('{\n  "a": 1,\n  "b": [\n    true\n  ]\n}\n');
  });
});
