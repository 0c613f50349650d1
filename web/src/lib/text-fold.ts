export interface Folded {
  /** What is shown while folded (the whole text when nothing is hidden). */
  head: string;
  hiddenLines: number;
  hiddenChars: number;
}

/** Long outputs start folded: the first `maxLines` lines, at most `maxChars` characters. */
export function foldText(text: string, maxLines = 15, maxChars = 1500): Folded {
  let end = 0;
  let lines = 0;
  while (lines < maxLines && end < text.length) {
    const nl = text.indexOf('\n', end);
    end = nl === -1 ? text.length : nl + 1;
    lines++;
  }
  end = Math.min(end, maxChars);
  if (end >= text.length) return { head: text, hiddenLines: 0, hiddenChars: 0 };
  const head = text.slice(0, end).replace(/\n$/, '');
  const rest = text.slice(end);
  return { head, hiddenLines: rest.split('\n').length, hiddenChars: rest.length };
}
