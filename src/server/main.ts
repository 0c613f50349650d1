import { ConfigError } from './config.js';
import { startServerFromEnv } from './serve.js';

/** `node dist/server/main.js`: the container entry point (the CLI's `server` command can call startServerFromEnv too). */
async function main(): Promise<void> {
  try {
    const server = await startServerFromEnv();
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (e) {
    process.stderr.write(`${e instanceof ConfigError ? 'configuration error' : 'fatal'}: ${(e as Error).message}\n`);
    process.exit(e instanceof ConfigError ? 78 : 1);
  }
}

await main();
