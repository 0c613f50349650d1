import { existsSync } from 'node:fs';
import { type Db, indexPath, openIndex, resolveDataDir } from '../store/db.js';
import type { CliContext } from './context.js';
import { NotFoundError } from './errors.js';

export interface LocalIndex {
  db: Db;
  dataDir: string;
}

/**
 * The local index for a command. Readers get a clear "run session index first" instead of
 * an empty database being created behind their back.
 */
export function openLocalIndex(ctx: CliContext, dataDirFlag: string | undefined, mode: 'read' | 'write'): LocalIndex {
  const dataDir = resolveDataDir({ dataDir: dataDirFlag, env: ctx.env as NodeJS.ProcessEnv, home: ctx.home });
  const file = indexPath(dataDir);
  if (mode === 'read' && !existsSync(file))
    throw new NotFoundError(`no local index at ${file}`, 'run `opensession session index` first');
  return { db: openIndex(file), dataDir };
}
