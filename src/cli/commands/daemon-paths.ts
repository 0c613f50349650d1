import { type DaemonFiles, daemonFiles } from '../../daemon/daemon-files.js';
import { resolveDataDir } from '../../store/db.js';
import type { CliContext } from '../context.js';

/** The data dir the daemon commands act on: --data-dir > OPENSESSION_DATA_DIR > XDG default. */
export const dataDirOf = (opts: { dataDir?: string }, ctx: CliContext): string =>
  resolveDataDir({ dataDir: opts.dataDir, env: ctx.env as NodeJS.ProcessEnv, home: ctx.home });

export const daemonFilesOf = (opts: { dataDir?: string }, ctx: CliContext): DaemonFiles =>
  daemonFiles(dataDirOf(opts, ctx));
