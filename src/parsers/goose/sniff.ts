import { basename } from 'node:path';
import { firstJsonLine, looksBinary } from '../shared/sniff.js';
import { looksSqlite } from '../shared/sqlite.js';
import { isMetadataLine } from './schema.js';

const inGooseDir = (path: string): boolean => path.split(/[\\/]/).some((seg) => seg.toLowerCase().includes('goose'));

/** A Goose message line: {role, created, content:[...]} (what follows the metadata line). */
function isMessageLine(v: Record<string, unknown>): boolean {
  return typeof v.role === 'string' && typeof v.created === 'number' && Array.isArray(v.content);
}

export function canParseGoose(path: string, firstBytes: Buffer): boolean {
  if (!inGooseDir(path)) return false;
  const name = basename(path).toLowerCase();
  if (/\.(db|sqlite3?)$/.test(name)) return looksSqlite(firstBytes);
  if (!name.endsWith('.jsonl') || looksBinary(firstBytes)) return false;
  const first = firstJsonLine(firstBytes);
  return first !== undefined && (isMetadataLine(first) || isMessageLine(first));
}
