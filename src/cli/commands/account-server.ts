import { NO_RETRY, type RetryPolicy } from '../../client/retry.js';
import { maskApiKey } from '../config/cli-config.js';
import type { CliContext } from '../context.js';
import { ConfigError } from '../errors.js';
import { colorsFor, writeJson, writeLine } from '../output.js';
import { cliErrorOf, clientFor, loadSettings, requireServer, serverTarget } from './server-connection.js';

export interface AccountServerOptions {
  json: boolean;
}

// One quick retry: a check should answer fast, yet not fail on a single dropped connection.
const CHECK_RETRY: RetryPolicy = { ...NO_RETRY, retries: 1, baseMs: 300, maxMs: 300 };

/** `account server status`: is the server there, which version, is its database up. */
export async function handleServerStatus(opts: AccountServerOptions, ctx: CliContext): Promise<void> {
  const settings = await loadSettings(ctx);
  const target = serverTarget(settings);
  if (!target)
    throw new ConfigError('no server configured', 'set one with `opensession account config --server <url>`');
  let health: Awaited<ReturnType<ReturnType<typeof clientFor>['health']>>;
  try {
    health = await clientFor(target, CHECK_RETRY).health();
  } catch (err) {
    throw cliErrorOf(err);
  }
  const h = health.value;
  const latency = Math.round(health.ms);
  if (opts.json) {
    writeJson(ctx.stdout, { url: target.url, reachable: true, ...h, latency_ms: latency });
    return;
  }
  const c = colorsFor(ctx.stdout, ctx.env);
  const state = h.status === 'ok' ? c.green('ok') : c.yellow(h.status);
  writeLine(ctx.stdout, `server   ${target.url}`);
  writeLine(ctx.stdout, `status   ${state} (database ${h.db}, ${h.dialect})`);
  writeLine(ctx.stdout, `version  ${h.version}`);
  writeLine(ctx.stdout, `latency  ${latency} ms`);
}

/** `account server verify`: does the server accept the API key, and whose is it. */
export async function handleServerVerify(opts: AccountServerOptions, ctx: CliContext): Promise<void> {
  const settings = await loadSettings(ctx);
  const target = requireServer(settings, true);
  let who: { user_id: string; nickname: string };
  try {
    who = await clientFor(target, CHECK_RETRY).verify();
  } catch (err) {
    throw cliErrorOf(err);
  }
  if (opts.json) {
    writeJson(ctx.stdout, { url: target.url, valid: true, user_id: who.user_id, nickname: who.nickname });
    return;
  }
  const c = colorsFor(ctx.stdout, ctx.env);
  writeLine(ctx.stdout, `${c.green('API key accepted')} by ${target.url}`);
  writeLine(ctx.stdout, `user     ${who.nickname} (${who.user_id})`);
  writeLine(ctx.stdout, `key      ${maskApiKey(target.apiKey ?? '')}`);
}
