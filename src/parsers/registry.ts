import type { Parser, ToolName } from './types.js';

/**
 * Every parser, loaded lazily so a command touching one tool does not pay for all.
 * Order matters only as a tie-break: canParse checks are specific (path and content).
 */
const LOADERS: Partial<Record<ToolName, () => Promise<Parser>>> = {};

export const registeredTools = (): ToolName[] => Object.keys(LOADERS) as ToolName[];

export async function loadParser(tool: ToolName): Promise<Parser | undefined> {
  return LOADERS[tool]?.();
}

export async function loadParsers(tools?: readonly string[]): Promise<Parser[]> {
  const wanted = registeredTools().filter((t) => !tools || tools.includes(t));
  return Promise.all(wanted.map((t) => (LOADERS[t] as () => Promise<Parser>)()));
}
