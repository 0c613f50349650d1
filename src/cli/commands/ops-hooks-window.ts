import { parseTimeBound } from '../time-bound.js';

/** git config key (repository-local) holding how far back a session may have been active to be named in a commit. */
export const WINDOW_KEY = 'opensession.window';
export const DEFAULT_WINDOW = '12h';

const RELATIVE = /^\s*\d+\s*[a-z]+(\s+ago)?\s*$/i;

/** `now` minus a relative duration ("12h", "30m", "2d", "3 days"), or undefined when `text` is not one. */
export function windowStart(text: string, now: Date): Date | undefined {
  return RELATIVE.test(text) ? parseTimeBound(text, now) : undefined;
}

/**
 * The oldest activity that counts for the next commit: within the window, and after the last
 * commit (a session that ended before it was already named there, or was not about it).
 */
export function activitySince(windowFrom: Date, lastCommit: Date | undefined): Date {
  return lastCommit && lastCommit > windowFrom ? lastCommit : windowFrom;
}
