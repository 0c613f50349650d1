import { isRecord, num, str, tryParseJson } from '../shared/text.js';

/** A tool output, reduced to what HAIL shows: its text, exit code and duration. */
export interface ToolOutput {
  text: string;
  exitCode?: number;
  durationMs?: number;
  failed: boolean;
}

/** Unified exec (codex ≥ 0.5x) prefixes its output with a small header. */
const EXIT_LINE = /^Process exited with code (-?\d+)$/m;
const WALL_LINE = /^Wall time: ([\d.]+) seconds$/m;
const OUTPUT_MARK = '\nOutput:\n';

function fromText(text: string): ToolOutput {
  const exit = EXIT_LINE.exec(text);
  const wall = WALL_LINE.exec(text);
  const out: ToolOutput = { text, failed: /^(execution error|error):/i.test(text) };
  if (exit || wall) {
    const at = text.indexOf(OUTPUT_MARK);
    if (at !== -1) out.text = text.slice(at + OUTPUT_MARK.length);
  }
  if (exit) out.exitCode = Number(exit[1]);
  if (wall) out.durationMs = Math.round(Number(wall[1]) * 1000);
  return out;
}

/** `{output, metadata: {exit_code, duration_seconds}}`, the shell tool's JSON envelope. */
function fromEnvelope(o: Record<string, unknown>): ToolOutput | undefined {
  const text = str(o.output) ?? str(o.content);
  if (text === undefined) return undefined;
  const meta = isRecord(o.metadata) ? o.metadata : {};
  const exitCode = num(meta.exit_code);
  const seconds = num(meta.duration_seconds);
  return {
    text,
    failed: o.success === false,
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(seconds !== undefined ? { durationMs: Math.round(seconds * 1000) } : {}),
  };
}

function contentItemsText(items: unknown[]): string {
  return items
    .map((p) => (isRecord(p) ? (str(p.text) ?? '') : typeof p === 'string' ? p : ''))
    .filter(Boolean)
    .join('\n');
}

/** Reads `function_call_output.output` in any of the shapes Codex wrote over time. */
export function toolOutputOf(raw: unknown): ToolOutput {
  if (typeof raw === 'string') {
    const parsed = raw.startsWith('{') ? tryParseJson(raw) : undefined;
    return (isRecord(parsed) && fromEnvelope(parsed)) || fromText(raw);
  }
  if (Array.isArray(raw)) return fromText(contentItemsText(raw));
  if (isRecord(raw)) {
    const env = fromEnvelope(raw);
    if (env) return env;
    if (Array.isArray(raw.content))
      return { ...fromText(contentItemsText(raw.content)), failed: raw.success === false };
    return { text: JSON.stringify(raw), failed: false };
  }
  return { text: '', failed: false };
}

export const isFailure = (o: ToolOutput): boolean => o.failed || (o.exitCode !== undefined && o.exitCode !== 0);
