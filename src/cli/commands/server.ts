import { ConfigError as ServerConfigError } from '../../server/config.js';
import { startServerFromEnv } from '../../server/serve.js';
import type { CliContext } from '../context.js';
import { ConfigError } from '../errors.js';
import { writeLine } from '../output.js';

export interface ServerOptions {
  port: string;
  host: string;
  dataDir?: string;
}

/** `opensession server`: the self-hosted server in the foreground until SIGINT/SIGTERM. */
export async function handleServer(opts: ServerOptions, ctx: CliContext): Promise<void> {
  const env: Record<string, string | undefined> = { ...ctx.env, PORT: opts.port, OPENSESSION_HOST: opts.host };
  if (opts.dataDir) env.OPENSESSION_DATA_DIR = opts.dataDir;
  let server: Awaited<ReturnType<typeof startServerFromEnv>>;
  try {
    server = await startServerFromEnv(env);
  } catch (e) {
    if (e instanceof ServerConfigError) throw new ConfigError(e.message);
    throw e;
  }
  writeLine(ctx.stderr, `opensession server listening on ${server.url} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
