import type { z } from 'zod';
import {
  ApiKeySchema,
  applyConfigChanges,
  type CliConfig,
  type ConfigChanges,
  loadCliConfig,
  maskApiKey,
  readCliConfigDocument,
  ServerUrlSchema,
  saveCliConfig,
  TeamIdSchema,
  validateCliConfig,
} from '../config/cli-config.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { colorsFor, writeJson, writeLine } from '../output.js';

export interface AccountConfigOptions {
  server?: string;
  apiKey?: string;
  teamId?: string;
  json: boolean;
}

/** The config as printed: known fields only (unknown keys might hold secrets), the key masked. */
export interface ConfigView {
  path: string;
  exists: boolean;
  updated: string[];
  server: { url: string | null; api_key: string | null; team_id: string | null };
  daemon: { auto_start: boolean };
  privacy: { exclude_tools: string[] };
}

/** `account config`: no flags prints the config; flags validate, then set, then print. */
export async function handleAccountConfig(opts: AccountConfigOptions, ctx: CliContext): Promise<void> {
  const roots = { home: ctx.home, env: ctx.env };
  const changes = parseFlags(opts);
  const updated = Object.keys(changes).map((k) => FIELD_OF[k as keyof ConfigChanges]);

  let path: string;
  let exists: boolean;
  let config: CliConfig;
  if (updated.length > 0) {
    // Patch the raw document rather than the validated one, so setting a value can repair
    // a bad value of the same field that would otherwise fail validation on load.
    const doc = await readCliConfigDocument(roots);
    config = validateCliConfig(applyConfigChanges(doc.raw, changes), doc.path);
    path = await saveCliConfig(roots, config);
    exists = true;
    if (!opts.json) ctx.stderr.write(`saved ${path}\n`);
  } else {
    ({ path, exists, config } = await loadCliConfig(roots));
  }

  const view = configView(path, exists, updated, config);
  if (opts.json) writeJson(ctx.stdout, view);
  else renderConfig(view, ctx);
}

const FIELD_OF: Record<keyof ConfigChanges, string> = {
  serverUrl: 'server.url',
  apiKey: 'server.api_key',
  teamId: 'server.team_id',
};

function parseFlags(opts: AccountConfigOptions): ConfigChanges {
  const changes: ConfigChanges = {};
  if (opts.server !== undefined) changes.serverUrl = parseFlag('--server', ServerUrlSchema, opts.server);
  if (opts.apiKey !== undefined) changes.apiKey = parseFlag('--api-key', ApiKeySchema, opts.apiKey);
  if (opts.teamId !== undefined) changes.teamId = parseFlag('--team-id', TeamIdSchema, opts.teamId);
  return changes;
}

function parseFlag(flag: string, schema: z.ZodType<string, string>, value: string): string {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // The rejected API key is not echoed back: it may be a real secret pasted into the wrong flag.
  throw new UsageError(
    `${flag} ${result.error.issues[0]?.message ?? 'is invalid'}`,
    `see 'opensession account config --help'`,
  );
}

export function configView(path: string, exists: boolean, updated: string[], config: CliConfig): ConfigView {
  return {
    path,
    exists,
    updated,
    server: {
      url: config.server.url ?? null,
      api_key: config.server.api_key ? maskApiKey(config.server.api_key) : null,
      team_id: config.server.team_id ?? null,
    },
    daemon: { auto_start: config.daemon.auto_start },
    privacy: { exclude_tools: config.privacy.exclude_tools },
  };
}

function renderConfig(view: ConfigView, ctx: CliContext): void {
  const c = colorsFor(ctx.stdout, ctx.env);
  const unset = c.dim('(not set)');
  const out = ctx.stdout;
  writeLine(out, `${c.bold('config')} ${view.path}${view.exists ? '' : c.dim(' (not created yet: defaults shown)')}`);
  writeLine(out, '[server]');
  writeLine(out, `  url       ${view.server.url ?? unset}`);
  writeLine(out, `  api_key   ${view.server.api_key ?? unset}`);
  writeLine(out, `  team_id   ${view.server.team_id ?? unset}`);
  writeLine(out, '[daemon]');
  writeLine(out, `  auto_start     ${view.daemon.auto_start}`);
  writeLine(out, '[privacy]');
  const excluded = view.privacy.exclude_tools;
  writeLine(out, `  exclude_tools  ${excluded.length > 0 ? excluded.join(', ') : c.dim('(none)')}`);
}
