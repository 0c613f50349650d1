import { ATTR } from '../../hail/session.js';

export interface Usage {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheCreation?: number;
}

const positive = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

/** Token usage as HAIL event attributes (only the non-zero counts, which recomputeStats sums). */
export function usageAttributes(u: Usage): Record<string, number> {
  const out: Record<string, number> = {};
  if (positive(u.input)) out[ATTR.inputTokens] = Math.round(u.input);
  if (positive(u.output)) out[ATTR.outputTokens] = Math.round(u.output);
  if (positive(u.cacheRead)) out[ATTR.cacheReadTokens] = Math.round(u.cacheRead);
  if (positive(u.cacheCreation)) out[ATTR.cacheCreationTokens] = Math.round(u.cacheCreation);
  return out;
}

export const hasUsage = (u: Usage): boolean => Object.keys(usageAttributes(u)).length > 0;
