import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { loadConfig, type ServerConfig } from './config.js';
import type { AppDeps } from './context.js';
import { createDeps, type DepsOverrides } from './deps.js';
import { createLogger } from './logger.js';
import { mountWebApp } from './web.js';

export interface RunningServer {
  /** http://host:port the server listens on (the real port when config.port was 0). */
  url: string;
  deps: AppDeps;
  close(): Promise<void>;
}

/** Opens the database (running migrations), builds the app and listens. */
export async function startServer(config: ServerConfig, overrides: DepsOverrides = {}): Promise<RunningServer> {
  const deps = await createDeps(config, overrides);
  const app = createApp(deps);
  const web = mountWebApp(app, config.webDir);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  deps.log.info('server listening', {
    url,
    dialect: config.dialect,
    web: web ? config.webDir : null,
    version: config.version,
  });
  let closed = false;
  return {
    url,
    deps,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SSE viewers keep connections open: end them so close() returns.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await deps.database.close();
    },
  };
}

/** The process entry: config from the environment, notices logged once. */
export async function startServerFromEnv(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningServer> {
  const { config, notices } = loadConfig(env);
  const log = createLogger(config.logLevel);
  for (const n of notices) log.warn(n);
  return startServer(config, { log });
}
