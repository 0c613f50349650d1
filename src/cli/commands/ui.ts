import { defaultDaemonConfig, loadDaemonConfig } from '../../daemon/config.js';
import type { Db } from '../../store/db.js';
import { httpSharing, type Sharing } from '../../tui/account/share-api.js';
import { httpTeamServices, type TeamServices } from '../../tui/account/team-api.js';
import { localServices } from '../../tui/local-services.js';
import type { DaemonControl, SettingsDeps } from '../../tui/settings/daemon-state.js';
import { startTui } from '../../tui/start.js';
import { type CliConfig, loadCliConfig } from '../config/cli-config.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { openLocalIndex } from '../local-index.js';
import { writeLine } from '../output.js';
import { dataDirOf } from './daemon-paths.js';
import { daemonConfigPath, privacySettings, rootsOf, serverTarget } from './server-connection.js';

export interface UiOptions {
  dataDir?: string;
}

/**
 * The account's team calls (undefined without a server) and uploads. A broken daemon.toml only
 * loses its [server] for teams, but stops uploads: its [privacy] says what must not leave.
 */
async function accountServices(ctx: CliContext, db: Db): Promise<{ teams?: TeamServices; sharing: Sharing }> {
  let cli: CliConfig;
  try {
    ({ config: cli } = await loadCliConfig(rootsOf(ctx)));
  } catch (e) {
    // A broken config.toml is reported by the account commands; the UI opens without the account.
    return { sharing: { ok: false, reason: `cannot upload: ${e instanceof Error ? e.message : String(e)}` } };
  }
  const daemon = await loadDaemonConfig(daemonConfigPath(ctx));
  const settings = { cli, daemon: daemon.ok ? daemon.config : defaultDaemonConfig() };
  const target = serverTarget(settings);
  const sharing: Sharing = daemon.ok
    ? httpSharing({ account: target, privacy: privacySettings(settings), home: ctx.home, db })
    : { ok: false, reason: `cannot upload until daemon.toml is fixed: ${daemon.error}` };
  return { teams: target ? httpTeamServices(target) : undefined, sharing };
}

/** `ops daemon start|stop`, their output captured for the Settings screen's message line. */
function daemonControl(opts: UiOptions, ctx: CliContext): DaemonControl {
  // Loaded on first use: the daemon's modules are not needed to paint the session list.
  const run = async (which: 'handleDaemonStart' | 'handleDaemonStop'): Promise<string> => {
    const handler = (await import('./ops-daemon.js'))[which];
    let out = '';
    await handler({ dataDir: opts.dataDir }, { ...ctx, stdout: { write: (s: string) => (out += s) } });
    return out.trim();
  };
  return { start: () => run('handleDaemonStart'), stop: () => run('handleDaemonStop') };
}

/** `ui`: browse the local index in the terminal. */
export async function handleUi(opts: UiOptions, ctx: CliContext): Promise<void> {
  // Ink needs raw keys and a screen to draw on: piped, it would hang on input or print frames.
  if (!ctx.stdout.isTTY || !process.stdin.isTTY)
    throw new UsageError(
      'the terminal UI needs an interactive terminal',
      "run 'opensession --help' for the commands; 'opensession session log' lists sessions as text",
    );
  const { db } = openLocalIndex(ctx, opts.dataDir, 'read');
  try {
    const services = localServices({ db, cwd: ctx.cwd, terminal: ctx.stdout, env: ctx.env });
    const settings: SettingsDeps = {
      configFile: daemonConfigPath(ctx),
      dataDir: dataDirOf(opts, ctx),
      control: daemonControl(opts, ctx),
    };
    const { teams, sharing } = await accountServices(ctx, db);
    const printed = await startTui({ services, env: ctx.env, teams, settings, sharing });
    for (const line of printed) writeLine(ctx.stdout, line);
  } finally {
    db.close();
  }
}
