import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord, str, tryParseJson } from '../shared/text.js';

/** A folder URI as a path: local `file:` URIs become OS paths; remote ones keep their URI. */
function uriPath(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

/**
 * The folder a workspaceStorage database belongs to, from the workspace.json beside it
 * ({folder} for a folder, {workspace} for a .code-workspace file). Undefined for the global db.
 */
export async function workspaceFolder(dbPath: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(dirname(dbPath), 'workspace.json'), 'utf8');
  } catch {
    return undefined;
  }
  const ws = tryParseJson(text);
  if (!isRecord(ws)) return undefined;
  const uri = str(ws.folder) ?? str(ws.workspace);
  return uri ? uriPath(uri) : undefined;
}
