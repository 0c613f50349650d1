import { escapeRegExp, findSecretAssignments, isSecretKeyValue } from './redact.js';
import type { Session } from './session.js';
import { mapSessionStrings, type StringSite } from './walk-strings.js';

export interface SanitizeOptions {
  /** Replace home directories with `~` (default true). */
  stripPaths?: boolean;
  /** Replace the values of secret-looking environment variables with `[REDACTED:env]` (default true). */
  stripEnvVars?: boolean;
  /** Extra home directories, e.g. from the machine that recorded the session (`/data/users/alice`). */
  homeDirs?: readonly string[];
}

export const ENV_REDACTION = '[REDACTED:env]';

// A user name ends at a separator, whitespace, or the punctuation around paths in prose and JSON.
const NAME = String.raw`[^\\/\s"'\x60:;,()[\]{}<>|*?]+`;
// Windows names may hold spaces (`C:\Users\John Smith\`), so there the name runs to the next separator.
const WIN_NAME = String.raw`[^\\/\r\n"'\x60:;,()[\]{}<>|*?]{1,64}(?=[\\/])|${NAME}`;
const SEP = String.raw`(?:\\{1,2}|/)`;
// `/Users/x`, `/home/x`, also under WSL (`/mnt/c`), Git Bash (`/c`) and Silverblue (`/var`).
// The look-behind keeps URLs (`https://host/home/about`) and longer paths (`/srv/home/x`) out.
const UNIX_HOME = new RegExp(String.raw`(?<![\w.~-])(?:/mnt/[a-z]|/[a-z]|/var)?/(?:Users|home)/${NAME}`, 'g');
// `C:\Users\x` with single, JSON-doubled or forward slashes, in any case as Windows allows.
const WINDOWS_HOME = new RegExp(
  String.raw`(?<!\w)[a-z]:${SEP}(?:Users|Documents and Settings)${SEP}(?:${WIN_NAME})`,
  'gi',
);
const HOME_HINT = /[\\/](?:users|home|documents and settings)[\\/]/i;
const END_OF_HOME = String.raw`(?=$|[\\/\s"'\x60:;,()[\]{}<>|])`;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

const isWindowsPath = (p: string) => /^[A-Za-z]:[\\/]/.test(p);

/** A given home as a pattern; a Windows one takes either slash, single or JSON-doubled. */
function homePattern(home: string): string {
  if (!isWindowsPath(home)) return escapeRegExp(home);
  const parts = home.split(/[\\/]+/);
  return parts.map(escapeRegExp).join(SEP);
}

/** One pattern for the given home dirs, longest first; Windows ones match any slash style and case. */
function explicitHomes(homes: readonly string[]): RegExp | undefined {
  const cleaned = homes.map((h) => h.trim().replace(/[\\/]+$/, '')).filter((h) => h.length >= 2);
  if (cleaned.length === 0) return undefined;
  const alternatives = [...new Set(cleaned)].sort((a, b) => b.length - a.length).map(homePattern);
  const flags = cleaned.some(isWindowsPath) ? 'gi' : 'g';
  return new RegExp(`(?<![\\w.-])(?:${alternatives.join('|')})${END_OF_HOME}`, flags);
}

function stripHomes(text: string, explicit: RegExp | undefined): string {
  const out = explicit ? text.replace(explicit, '~') : text;
  if (!HOME_HINT.test(out)) return out;
  return out.replace(UNIX_HOME, '~').replace(WINDOWS_HOME, '~');
}

/** `export API_KEY=…`, `GITHUB_TOKEN=… cmd`, `"DB_PASSWORD": "…"`: upper-case names only, as env vars are. */
function stripEnvAssignments(text: string): string {
  const envs = findSecretAssignments(text).filter((a) => ENV_NAME.test(a.name));
  let out = text;
  for (let i = envs.length - 1; i >= 0; i--) {
    const a = envs[i]!;
    out = out.slice(0, a.start) + ENV_REDACTION + out.slice(a.end);
  }
  return out;
}

function sanitizer(opts: SanitizeOptions): (value: string, site: Partial<StringSite>) => string {
  const stripPaths = opts.stripPaths ?? true;
  const stripEnvVars = opts.stripEnvVars ?? true;
  const explicit = stripPaths ? explicitHomes(opts.homeDirs ?? []) : undefined;
  return (value, site) => {
    if (site.role === 'data-url') return value;
    let out = value;
    if (stripEnvVars && site.role !== 'key') {
      // An env dump parsed into Json data: the key is the variable's name.
      const key = site.key;
      if (key !== undefined && ENV_NAME.test(key) && isSecretKeyValue(key, out)) return ENV_REDACTION;
      out = stripEnvAssignments(out);
    }
    return stripPaths ? stripHomes(out, explicit) : out;
  };
}

/** {@link sanitizeSession} for one string (titles, previews). */
export function sanitizeText(text: string, opts: SanitizeOptions = {}): string {
  return sanitizer(opts)(text, { role: 'text' });
}

/**
 * A new session with home directories turned into `~` and secret env-var values removed,
 * in every free-text field (see `mapSessionStrings`): unlike the reference, FileRead paths,
 * attributes (cwd), Json blocks and the context are covered too. The input is not mutated.
 */
export function sanitizeSession(session: Session, opts: SanitizeOptions = {}): Session {
  return mapSessionStrings(session, sanitizer(opts));
}
