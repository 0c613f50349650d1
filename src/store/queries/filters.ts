/** Filters shared by log, search and stats (the CLI defines the flags once too). */
export interface SessionFilters {
  tool?: string;
  model?: string;
  project?: string;
  /** ISO timestamps (already resolved from `7d`-style input). */
  since?: string;
  until?: string;
  /** Substring of the title. */
  grep?: string;
}

export interface SqlPart {
  where: string;
  params: Record<string, unknown>;
}

const like = (v: string): string => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A WHERE clause over `sessions` aliased `s`. Values are bound, never interpolated. */
export function filterSql(f: SessionFilters, timeColumn = 's.created_at'): SqlPart {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.tool) {
    clauses.push('s.tool = @tool');
    params.tool = f.tool;
  }
  if (f.model) {
    // `*` works as a wildcard, as in the reference's --model.
    clauses.push("s.model LIKE @model ESCAPE '\\'");
    params.model = f.model.includes('*')
      ? f.model.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%')
      : like(f.model);
  }
  if (f.project) {
    clauses.push("(s.project LIKE @project ESCAPE '\\' OR s.cwd LIKE @project ESCAPE '\\')");
    params.project = like(f.project);
  }
  if (f.since) {
    clauses.push(`${timeColumn} >= @since`);
    params.since = f.since;
  }
  if (f.until) {
    clauses.push(`${timeColumn} < @until`);
    params.until = f.until;
  }
  if (f.grep) {
    clauses.push("s.title LIKE @grep ESCAPE '\\'");
    params.grep = like(f.grep);
  }
  return { where: clauses.length ? clauses.join(' AND ') : '1=1', params };
}
