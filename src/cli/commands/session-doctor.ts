import { existsSync } from 'node:fs';
import { claudeRetention } from '../../parsers/claude-code/retention.js';
import { discoverAll, rootsFromEnv } from '../../parsers/discover.js';
import { registeredTools } from '../../parsers/registry.js';
import { type Db, indexPath, openIndex, resolveDataDir } from '../../store/db.js';
import { type IndexHealth, indexHealth, staleSources } from '../../store/health.js';
import type { CliContext } from '../context.js';
import { type Check, dataDirCheck, indexChecks, retentionCheck, toolChecks } from '../doctor/checks.js';
import { AlreadyReported } from '../errors.js';
import { colorsFor, writeJson, writeLine } from '../output.js';

export interface SessionDoctorOptions {
  dataDir?: string;
  json: boolean;
}

function readIndex(file: string, onDisk: Map<string, { size: number; mtimeMs: number }>) {
  if (!existsSync(file)) return { health: undefined, stale: 0, indexed: new Set<string>() };
  const db: Db = openIndex(file, { readonly: true });
  try {
    const health: IndexHealth = indexHealth(db);
    const indexed = new Set(db.prepare('SELECT path FROM sources WHERE deleted = 0').pluck().all() as string[]);
    return { health, stale: staleSources(db, onDisk), indexed };
  } finally {
    db.close();
  }
}

/** `session doctor`: tool directories, index health and the settings that delete history. */
export async function handleSessionDoctor(opts: SessionDoctorOptions, ctx: CliContext): Promise<void> {
  const env = ctx.env as NodeJS.ProcessEnv;
  const roots = rootsFromEnv(env, ctx.home);
  const dataDir = resolveDataDir({ dataDir: opts.dataDir, env, home: ctx.home });
  const { sources, warnings } = await discoverAll(roots);
  const onDisk = new Map(sources.map((s) => [s.path, { size: s.size, mtimeMs: s.mtimeMs }]));
  const { health, stale, indexed } = readIndex(indexPath(dataDir), onDisk);
  const retention = await claudeRetention(roots);
  const claude = sources.filter((s) => s.tool === 'claude-code');
  const checks: Check[] = [
    ...toolChecks(registeredTools(), sources),
    ...warnings.map((w): Check => ({ name: w.file, status: 'warn', message: w.reason })),
    dataDirCheck(dataDir),
    ...indexChecks(health, stale),
    retentionCheck(retention, claude, indexed, Date.now()),
  ];
  render(checks, opts.json, ctx);
  const failed = checks.filter((c) => c.status === 'fail').length;
  if (failed > 0) throw new AlreadyReported(`${failed} check(s) failed`);
}

const MARK = { ok: '✓', warn: '!', fail: '✗', skip: '-' } as const;

function render(checks: readonly Check[], json: boolean, ctx: CliContext): void {
  if (json) {
    writeJson(ctx.stdout, { checks });
    return;
  }
  const c = colorsFor(ctx.stdout, ctx.env);
  const paint = { ok: c.green, warn: c.yellow, fail: c.red, skip: c.dim } as const;
  const width = Math.max(...checks.map((k) => k.name.length));
  for (const k of checks) {
    writeLine(ctx.stdout, `${paint[k.status](MARK[k.status])} ${k.name.padEnd(width)}  ${k.message}`);
    if (k.hint && k.status !== 'ok') writeLine(ctx.stdout, `  ${' '.repeat(width)}  ${c.dim(`hint: ${k.hint}`)}`);
  }
  const count = (s: Check['status']) => checks.filter((k) => k.status === s).length;
  writeLine(ctx.stdout, `\n${count('ok')} ok, ${count('warn')} warning(s), ${count('fail')} failure(s)`);
}
