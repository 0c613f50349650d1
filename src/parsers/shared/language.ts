const BY_NAME: Record<string, string> = {
  dockerfile: 'bash',
  makefile: 'bash',
  'cargo.toml': 'toml',
  'pyproject.toml': 'toml',
};

const BY_EXT: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  rs: 'rust',
  go: 'go',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  gradle: 'kotlin',
  swift: 'swift',
  rb: 'ruby',
  c: 'cpp',
  cpp: 'cpp',
  cc: 'cpp',
  h: 'cpp',
  hpp: 'cpp',
  cs: 'csharp',
  css: 'css',
  scss: 'css',
  html: 'html',
  svelte: 'html',
  vue: 'html',
  xml: 'xml',
  json: 'json',
  jsonl: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  toml: 'toml',
  md: 'markdown',
  sql: 'sql',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  diff: 'diff',
  patch: 'diff',
  properties: 'properties',
};

/** Highlighting language for a file path, as the reference guesses it (spec 2.2). */
export function detectLanguage(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const base = path.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  const named = BY_NAME[base];
  if (named) return named;
  const dot = base.lastIndexOf('.');
  return dot === -1 ? undefined : BY_EXT[base.slice(dot + 1)];
}
