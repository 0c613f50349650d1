import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { WORKER_DIR, WRANGLER_JS } from './support/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Worker as `wrangler deploy` would upload it (one bundled module). */
    workerScript: string;
  }
}

/** Bundles the Worker once with wrangler itself (`deploy --dry-run`): the tests run what deploys. */
export default function setup(project: TestProject): () => void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) throw new Error(`the Worker tests need Node >= 22 (miniflare); this is ${process.version}`);
  const out = mkdtempSync(path.join(tmpdir(), 'opensession-worker-build-'));
  // Assets are not part of the test: an empty directory stands in for the web build.
  const assets = mkdtempSync(path.join(tmpdir(), 'opensession-worker-assets-'));
  execFileSync(process.execPath, [WRANGLER_JS, 'deploy', '--dry-run', '--outdir', out, '--assets', assets], {
    cwd: WORKER_DIR,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('workerScript', path.join(out, 'index.js'));
  return () => {
    rmSync(out, { recursive: true, force: true });
    rmSync(assets, { recursive: true, force: true });
  };
}
