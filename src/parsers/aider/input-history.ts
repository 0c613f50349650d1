import { fileLineBatches } from '../shared/read-lines.js';
import { toIso } from '../shared/time.js';

/** One prompt from `.aider.input.history` (prompt_toolkit's file history). */
export interface InputEntry {
  time: string;
  /** The prompt, whitespace-normalized for matching against the chat history. */
  key: string;
}

const STAMP = /^# (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?:\.\d+)?\s*$/;

/** Lines are compared without trailing spaces, as the chat history strips them. */
export const promptKey = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();

/**
 * `# <local time>` then `+<line>` per line of the prompt. Aider writes naive local times in
 * both files, so they compare with each other; both are read as UTC (spec convention).
 */
export async function readInputHistory(path: string): Promise<InputEntry[]> {
  const entries: InputEntry[] = [];
  let time: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (time && lines.length) entries.push({ time, key: promptKey(lines.join('\n')) });
    lines = [];
  };
  try {
    for await (const batch of fileLineBatches(path)) {
      for (const l of batch) {
        const stamp = STAMP.exec(l.text);
        if (stamp) {
          flush();
          time = toIso(stamp[1]);
        } else if (l.text.startsWith('+')) lines.push(l.text.slice(1));
      }
    }
  } catch {
    // The input history only refines times; without it the chat history still parses.
    return entries;
  }
  flush();
  return entries;
}

/**
 * Matches a session's prompts to input-history entries in order: each prompt takes the
 * first unused entry with the same text inside the session's time window.
 */
export class PromptClock {
  private next = 0;
  constructor(private readonly entries: readonly InputEntry[]) {}

  timeOf(prompt: string, from: string, until: string | undefined): string | undefined {
    const key = promptKey(prompt);
    for (let i = this.next; i < this.entries.length; i++) {
      const e = this.entries[i]!;
      if (until && e.time >= until) return undefined;
      if (e.time < from || e.key !== key) continue;
      this.next = i + 1;
      return e.time;
    }
    return undefined;
  }
}
