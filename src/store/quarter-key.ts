/**
 * The UTC quarter hour of an ISO timestamp column, as SQL: `2026-01-02T03:15:00Z`. Daily,
 * weekly and monthly reports group usage by quarter in SQL and place quarters in local days in
 * JS (see queries/stats.ts); exact, since every real UTC offset is a multiple of 15 minutes and
 * offsets change on the hour. A timestamp that is not plain UTC ISO (a parser kept an offset)
 * is its own key and is converted the same way.
 */
export function quarterKeySql(ts: string): string {
  return `CASE WHEN length(${ts}) >= 17 AND substr(${ts}, -1) = 'Z'
  THEN substr(${ts}, 1, 14) || printf('%02d', CAST(substr(${ts}, 15, 2) AS INTEGER) / 15 * 15) || ':00Z'
  ELSE ${ts} END`;
}
