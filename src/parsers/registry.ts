import type { Parser, ToolName } from './types.js';

/**
 * Every parser, loaded lazily so a command touching one tool does not pay for all.
 * Order matters only as a tie-break: canParse checks are specific (path and content).
 */
const LOADERS: Partial<Record<ToolName, () => Promise<Parser>>> = {
  'claude-code': async () => (await import('./claude-code/index.js')).claudeCodeParser,
  codex: async () => (await import('./codex/index.js')).codexParser,
  gemini: async () => (await import('./gemini/index.js')).geminiParser,
  opencode: async () => (await import('./opencode/index.js')).opencodeParser,
  cline: async () => (await import('./cline/index.js')).clineParser,
  'roo-code': async () => (await import('./cline/index.js')).rooCodeParser,
  'kilo-code': async () => (await import('./cline/index.js')).kiloCodeParser,
  amp: async () => (await import('./amp/index.js')).ampParser,
  cursor: async () => (await import('./cursor/index.js')).cursorParser,
  goose: async () => (await import('./goose/index.js')).gooseParser,
  aider: async () => (await import('./aider/index.js')).aiderParser,
};

export const registeredTools = (): ToolName[] => Object.keys(LOADERS) as ToolName[];

export async function loadParser(tool: ToolName): Promise<Parser | undefined> {
  return LOADERS[tool]?.();
}

export async function loadParsers(tools?: readonly string[]): Promise<Parser[]> {
  const wanted = registeredTools().filter((t) => !tools || tools.includes(t));
  return Promise.all(wanted.map((t) => (LOADERS[t] as () => Promise<Parser>)()));
}
