/**
 * Whole-file JSON formats (Gemini chats, Codex legacy rollouts, prompt logs...) are
 * rewritten in place by their tools, so a read can catch one cut short, and a damaged
 * file still holds good records before the damage. This keeps the longest prefix that
 * closes into valid JSON: every complete array element and object member is kept.
 */
export interface SalvagedJson {
  value: unknown;
  /** True when the text was not valid JSON and only a prefix could be kept. */
  truncated: boolean;
}

/** Byte position named by V8's JSON.parse error, when it names one. */
function errorPosition(e: unknown): number | undefined {
  const m = /position (\d+)/.exec(String((e as Error)?.message ?? ''));
  return m ? Number(m[1]) : undefined;
}

interface Cut {
  at: number;
  closers: string;
}

/** The last place where the text can be cut and closed, scanning up to `limit`. */
function lastCut(text: string, limit: number): Cut | undefined {
  const stack: string[] = [];
  let inString = false;
  let cut: Cut | undefined;
  const closeAll = () =>
    stack
      .map((c) => (c === '{' ? '}' : ']'))
      .reverse()
      .join('');
  for (let i = 0; i < limit; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      stack.push(ch);
      // Only the root is kept empty: an element cut right after it opens is dropped whole.
      if (stack.length === 1) cut = { at: i + 1, closers: closeAll() };
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      if (stack.length === 0) return { at: i + 1, closers: '' };
      cut = { at: i + 1, closers: closeAll() };
    } else if (ch === ',' && stack.length > 0) cut = { at: i, closers: closeAll() };
  }
  return cut;
}

/** Parses `text`, or its longest salvageable prefix; undefined when nothing can be kept. */
export function parseJsonLenient(text: string): SalvagedJson | undefined {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { value: JSON.parse(body), truncated: false };
  } catch (e) {
    const cut = lastCut(body, Math.min(body.length, errorPosition(e) ?? body.length));
    if (!cut) return undefined;
    try {
      return { value: JSON.parse(body.slice(0, cut.at) + cut.closers), truncated: true };
    } catch {
      return undefined;
    }
  }
}
