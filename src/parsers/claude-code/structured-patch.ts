import { isRecord } from '../shared/text.js';

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/**
 * Claude Code's `toolUseResult.structuredPatch` (the hunks it applied, with real line
 * numbers and context) as a unified diff; undefined when there are no usable hunks.
 */
export function structuredPatchDiff(path: string, patch: unknown): string | undefined {
  if (!Array.isArray(patch) || patch.length === 0) return undefined;
  const out = [`--- a/${path}`, `+++ b/${path}`];
  for (const h of patch) {
    if (!isRecord(h) || !Array.isArray(h.lines)) continue;
    out.push(`@@ -${count(h.oldStart)},${count(h.oldLines)} +${count(h.newStart)},${count(h.newLines)} @@`);
    for (const l of h.lines) if (typeof l === 'string') out.push(l);
  }
  return out.length > 2 ? out.join('\n') : undefined;
}
