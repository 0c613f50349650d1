import { loadParsers } from './registry.js';
import type { DiscoveredSource, DiscoverRoots, Parser, ParseWarning } from './types.js';

export interface DiscoveryResult {
  sources: DiscoveredSource[];
  /** A tool whose discovery failed is reported here; the others still run. */
  warnings: ParseWarning[];
}

/** Runs every (or the chosen) tool's discovery in parallel; never throws. */
export async function discoverAll(
  roots: DiscoverRoots,
  opts: { tools?: readonly string[]; parsers?: readonly Parser[] } = {},
): Promise<DiscoveryResult> {
  const parsers = opts.parsers ?? (await loadParsers(opts.tools));
  const warnings: ParseWarning[] = [];
  const lists = await Promise.all(
    parsers.map(async (p) => {
      try {
        return await p.discover(roots);
      } catch (e) {
        warnings.push({ kind: 'unreadable', file: p.tool, reason: `discovery failed: ${(e as Error).message}` });
        return [];
      }
    }),
  );
  return { sources: lists.flat(), warnings };
}

/** Roots from the real environment: the one place that reads HOME and env for discovery. */
export function rootsFromEnv(env: NodeJS.ProcessEnv = process.env, home?: string): DiscoverRoots {
  return { home: home ?? env.HOME ?? env.USERPROFILE ?? '.', env, platform: process.platform };
}
