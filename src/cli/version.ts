import { readFileSync } from 'node:fs';

/**
 * The package version. package.json sits two levels above both src/cli/ (tsx) and dist/cli/
 * (built), so one relative URL works for both. A plain read avoids the JSON-module machinery,
 * which matters because `--version` is the startup-time benchmark.
 */
export function readVersion(): string {
  const raw = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(raw) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}
