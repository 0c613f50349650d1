import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type ConfigResult, loadDaemonConfig, parseDaemonConfig } from '../../daemon/config.js';
import { setTomlKeys } from '../../daemon/config-edit.js';

export type TomlValue = string | number | boolean | string[];

export const loadSettings = (file: string): Promise<ConfigResult> => loadDaemonConfig(file);

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/**
 * Sets one key of daemon.toml, keeping the rest of the file as the user wrote it. The edited
 * text is validated before it is written: a refused value leaves the file untouched and the
 * error names the key (`privacy.exclude_projects: ...`).
 */
export async function setSetting(file: string, section: string, key: string, value: TomlValue): Promise<ConfigResult> {
  const text = await readText(file);
  // setTomlKeys writes values with JSON.stringify, and a JSON array of strings is a valid TOML
  // inline array, so lists go through it too.
  const next = setTomlKeys(text, section, { [key]: value as string });
  const result = parseDaemonConfig(next, file);
  if (!result.ok) return result;
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, next);
  await rename(tmp, file);
  return result;
}
