import { findPgBin, PG_MISSING_MESSAGE, PG_URL_ENV, startPgCluster } from './postgres.js';

/**
 * Vitest global setup: one private PostgreSQL cluster for the whole run, its URL handed to the
 * workers through OPENSESSION_TEST_PG_URL. Test files create their own databases in it.
 */
export default async function setup(): Promise<() => void> {
  if (process.env[PG_URL_ENV]) return () => {};
  if (!findPgBin()) {
    console.warn(PG_MISSING_MESSAGE);
    return () => {};
  }
  const cluster = await startPgCluster();
  process.env[PG_URL_ENV] = cluster.url;
  return () => {
    cluster.stop();
    delete process.env[PG_URL_ENV];
  };
}
