import { formatDuration } from '../../../src/hail/extract.js';

export { formatDuration };

const TOOL_LABELS: Record<string, string> = {
  'claude-code': 'Claude Code',
  codex: 'Codex',
  gemini: 'Gemini CLI',
  cursor: 'Cursor',
  opencode: 'OpenCode',
  cline: 'Cline',
  amp: 'Amp',
  goose: 'Goose',
  aider: 'Aider',
};

/** The tools the parsers know, for filter menus. */
export const KNOWN_TOOLS: readonly string[] = Object.keys(TOOL_LABELS);

export const toolLabel = (tool: string): string => TOOL_LABELS[tool] ?? tool;

/** Two-letter badge text, e.g. `Cc` for claude-code. */
export function toolBadge(tool: string): string {
  const words = tool.split(/[-_\s]+/).filter(Boolean);
  if (words.length >= 2) return `${words[0]![0]!.toUpperCase()}${words[1]![0]!.toLowerCase()}`;
  const w = words[0] ?? '?';
  return `${w[0]!.toUpperCase()}${w.slice(1, 2)}`;
}

/** 1234 -> "1.2k", 2_500_000 -> "2.5M". */
export function compactNumber(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const abs = Math.abs(n);
  const fmt = (v: number, suffix: string) => `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))}${suffix}`;
  if (abs >= 1e9) return fmt(n / 1e9, 'B');
  if (abs >= 1e6) return fmt(n / 1e6, 'M');
  if (abs >= 1e3) return fmt(n / 1e3, 'k');
  return String(Math.round(n));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "in 2 days", "just now"; the original string when it is not a date. */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((t - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  return 'just now';
}

/** "2026-02-01 12:00" in the viewer's time zone. */
export function dateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Tags like `<command-name>` that some tools leave in titles say nothing to a reader. */
export function displayTitle(s: { title?: string | undefined; description?: string | undefined }): string {
  const clean = (v: string | undefined) =>
    v
      ?.replace(/<\/?[a-z][\w-]*>/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return clean(s.title) || clean(s.description) || 'Untitled session';
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
