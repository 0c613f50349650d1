import { basename } from 'node:path';
import { looksSqlite } from '../shared/sqlite.js';
import { fileLayout } from './store-files.js';

const SEP = /[\\/]/;

/** opencode.db by name, or any .db inside an `opencode` directory (copies, backups, the corpus). */
function isStorePath(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (name === 'opencode.db') return true;
  return name.endsWith('.db') && path.split(SEP).some((seg) => seg.toLowerCase().includes('opencode'));
}

/** A session file of a JSON layout under an `opencode` directory whose record is a session (ses_ id). */
function isSessionFile(path: string, firstBytes: Buffer): boolean {
  if (!fileLayout(path) || !/opencode/i.test(path)) return false;
  const head = firstBytes.toString('utf8').trimStart();
  return head.startsWith('{') && head.includes('"ses_');
}

export function canParseOpenCode(path: string, firstBytes: Buffer): boolean {
  if (isStorePath(path)) return looksSqlite(firstBytes);
  return isSessionFile(path, firstBytes);
}
