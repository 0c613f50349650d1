import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, WEB_DIR } from './harness.js';

const BUDGET_GZIP = 250 * 1024;
const gz = (file: string) => gzipSync(readFileSync(path.join(WEB_DIR, file)), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

/** What the first page load fetches: the entry script, the chunks it preloads, and the stylesheets. */
function initialFiles(): string[] {
  const html = readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  return [...new Set(refs)];
}

describe('web build', () => {
  beforeAll(ensureWebBuild);

  it('keeps the main bundle under 250 kB gzip, and prints the sizes', () => {
    const initial = initialFiles();
    expect(initial.some((f) => f.endsWith('.js'))).toBe(true);
    const total = initial.reduce((sum, f) => sum + gz(f), 0);
    const chunks = readdirSync(path.join(WEB_DIR, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => [f, gz(`assets/${f}`)] as const)
      .sort((a, b) => b[1] - a[1]);
    console.log(
      `[web] main bundle: ${kb(total)} gzip (${initial.length} files: ${initial.join(', ')}); ` +
        `largest lazy chunks: ${chunks
          .filter(([f]) => !initial.includes(`assets/${f}`))
          .slice(0, 4)
          .map(([f, n]) => `${f} ${kb(n)}`)
          .join(', ')}`,
    );
    expect(total).toBeLessThan(BUDGET_GZIP);
  });

  it('ships precompressed copies the server can send as they are', () => {
    for (const f of initialFiles()) {
      expect(readdirSync(path.join(WEB_DIR, 'assets'))).toContain(`${path.basename(f)}.gz`);
      expect(readdirSync(path.join(WEB_DIR, 'assets'))).toContain(`${path.basename(f)}.br`);
    }
  });
});
