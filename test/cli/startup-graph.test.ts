import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-cli.js';

// Startup time is a requirement (`--version` < 80 ms), and it is lost one innocent static import
// at a time. These tests follow the static imports from the entry points and pin what they reach.

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function staticGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(STATIC_IMPORT)) {
      if (!spec) continue;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  };
  visit(join(REPO_ROOT, entry));
  return {
    files: [...files].map((f) => relative(REPO_ROOT, f)).sort(),
    packages: [...packages].sort(),
  };
}

const isBuiltin = (p: string) => p.startsWith('node:') || builtinModules.includes(p);

describe('startup import graph', () => {
  it('main.ts reaches only node builtins and the version reader before --version is answered', () => {
    const graph = staticGraph('src/cli/main.ts');
    expect(graph.files).toEqual(['src/cli/main.ts', 'src/cli/version.ts']);
    expect(graph.packages.every(isBuiltin)).toBe(true);
  });

  it('the command tree loads commander and no implementation module', () => {
    const graph = staticGraph('src/cli/run.ts');
    expect(graph.packages.filter((p) => !isBuiltin(p))).toEqual(['commander']);
    const offenders = graph.files.filter((f) =>
      /src\/cli\/(commands|completion|config)\/|src\/cli\/output\.ts$/.test(f),
    );
    expect(offenders).toEqual([]);
    // Outside src/cli only the tool list (a constant) may be reached.
    expect(graph.files.filter((f) => !f.startsWith('src/cli/'))).toEqual(['src/parsers/types.ts']);
  });
});
