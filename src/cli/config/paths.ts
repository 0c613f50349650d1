import { isAbsolute, join } from 'node:path';

/** The machine roots a path depends on; passed in so tests point them at temp dirs. */
export interface Roots {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

// The XDG spec says relative values are invalid and must be ignored: honouring one would put
// the config under whatever directory the command happened to run in.
function xdg(roots: Roots, name: 'XDG_CONFIG_HOME' | 'XDG_DATA_HOME', fallback: string): string {
  const value = roots.env[name];
  return value && isAbsolute(value) ? value : join(roots.home, fallback);
}

export function configDir(roots: Roots): string {
  return join(xdg(roots, 'XDG_CONFIG_HOME', '.config'), 'opensession');
}

export function cliConfigPath(roots: Roots): string {
  return join(configDir(roots), 'config.toml');
}

/** flag > OPENSESSION_DATA_DIR > $XDG_DATA_HOME/opensession (commander already merges flag and env). */
export function dataDir(roots: Roots, flagOrEnv?: string): string {
  if (flagOrEnv) return flagOrEnv;
  return join(xdg(roots, 'XDG_DATA_HOME', join('.local', 'share')), 'opensession');
}
