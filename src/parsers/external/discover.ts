import { isAbsolute, join } from 'node:path';
import { findFiles, sourcesOf } from '../shared/discover-fs.js';
import type { DiscoveredSource, DiscoverRoots, ToolName } from '../types.js';
import { expandHome, globMatcher, globToRegExp, staticPrefix } from './glob.js';

/** Bounded like every discovery: a `**` walks at most this deep below the fixed prefix. */
const MAX_DEPTH = 8;

/** Files matching the configured glob (relative globs are taken from the home directory). */
export async function discoverByGlob(tool: ToolName, glob: string, r: DiscoverRoots): Promise<DiscoveredSource[]> {
  const expanded = expandHome(glob, r.home);
  const absolute = isAbsolute(expanded) ? expanded : join(r.home, expanded);
  const { dir, rest } = staticPrefix(absolute);
  const depth = rest.includes('**') ? MAX_DEPTH : Math.max(0, rest.split('/').length - 1);
  const lastSegment = globToRegExp(rest.split('/').at(-1) ?? '*');
  const matches = globMatcher(absolute, r.home);
  const files = await findFiles(dir, (name) => lastSegment.test(name), depth);
  return sourcesOf(tool, files.filter(matches));
}
