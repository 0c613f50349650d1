import type { Titles } from './state.js';

/**
 * The session title: the user's own name for it, else Claude's generated title, else the
 * summary of its last message, else its first prompt, else its first slash command.
 */
export const pickTitle = (t: Titles): string | undefined => t.custom ?? t.ai ?? t.summary ?? t.prompt ?? t.command;

/** A readable lane title from an agent id like `aside_question-ac9ee48...` (the part before the hex). */
export function agentKind(agentId: string): string | undefined {
  const m = /^([a-z][a-z_]*)-[0-9a-f]{6,}$/i.exec(agentId);
  return m?.[1]?.replace(/_/g, ' ');
}
