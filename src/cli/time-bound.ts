/**
 * Parses the `--since`/`--until` vocabulary: an RFC 3339 date or date-time, `today`, `yesterday`,
 * `N unit [ago]` ("2 weeks ago", "3 days") and the compact `3d`/`12h`/`30m`/`2w`/`1mo`.
 * `now` is a parameter so the parser stays pure; relative days use local midnight because
 * that is what a person means by "today".
 */
export function parseTimeBound(text: string, now: Date): Date | undefined {
  const input = text.trim().toLowerCase();
  if (input === 'now') return new Date(now);
  if (input === 'today' || input === 'yesterday') {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    if (input === 'yesterday') d.setDate(d.getDate() - 1);
    return d;
  }
  const relative = /^(\d+)\s*(mo|months?|m|mins?|minutes?|h|hours?|d|days?|w|weeks?)(\s+ago)?$/.exec(input);
  if (relative) {
    const n = Number(relative[1]);
    const unit = relative[2] ?? '';
    const d = new Date(now);
    if (unit.startsWith('mo')) d.setMonth(d.getMonth() - n);
    else if (unit.startsWith('m')) d.setTime(d.getTime() - n * 60_000);
    else if (unit.startsWith('h')) d.setTime(d.getTime() - n * 3_600_000);
    else if (unit.startsWith('d')) d.setDate(d.getDate() - n);
    else d.setDate(d.getDate() - 7 * n);
    return d;
  }
  // Only ISO shapes: Date.parse alone also accepts things like "1" or "March", which would
  // silently turn a typo into a year-2001 filter.
  if (/^\d{4}-\d{2}-\d{2}([t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$/.test(input)) {
    const ms = Date.parse(input.toUpperCase().replace(' ', 'T'));
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  return undefined;
}
