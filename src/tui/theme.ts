/** What a piece of text is, which decides its colour. */
export type Tone =
  | 'user'
  | 'agent'
  | 'system'
  | 'think'
  | 'tool'
  | 'result'
  | 'error'
  | 'file'
  | 'shell'
  | 'web'
  | 'task'
  | 'added'
  | 'removed'
  | 'hunk'
  | 'accent'
  | 'muted'
  | 'match';

const COLORS: Record<Tone, string> = {
  user: 'green',
  agent: 'cyan',
  system: 'gray',
  think: 'magenta',
  tool: 'yellow',
  result: 'gray',
  error: 'red',
  file: 'blue',
  shell: 'yellow',
  web: 'blue',
  task: 'magenta',
  added: 'green',
  removed: 'red',
  hunk: 'cyan',
  accent: 'cyan',
  muted: 'gray',
  match: 'yellow',
};

const TOOL_COLORS: Record<string, string> = {
  'claude-code': 'redBright',
  codex: 'green',
  gemini: 'blue',
  cursor: 'white',
  opencode: 'yellow',
  cline: 'magenta',
  amp: 'red',
  goose: 'cyan',
  aider: 'greenBright',
};

export interface Theme {
  /** False under NO_COLOR: every colour is dropped (bold, dim and inverse stay: they are not colour). */
  colors: boolean;
  tone(t: Tone): string | undefined;
  tool(name: string): string | undefined;
}

/** NO_COLOR (any non-empty value, no-color.org) turns colours off; Ink's chalk does not check it itself. */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
  const colors = !env.NO_COLOR;
  return {
    colors,
    tone: (t) => (colors ? COLORS[t] : undefined),
    tool: (name) => (colors ? (TOOL_COLORS[name] ?? 'white') : undefined),
  };
}
