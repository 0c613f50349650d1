import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

export const API_HISTORY = 'api_conversation_history.json';
/** `claude_messages.json` is what the extension called its UI log before the Cline rename. */
export const UI_MESSAGE_FILES = ['ui_messages.json', 'claude_messages.json'];
/** Per-task side files: Cline's model/file metadata, Roo/Kilo's history item (title, workspace). */
export const TASK_METADATA = 'task_metadata.json';
export const HISTORY_ITEM = 'history_item.json';
export const TASK_SIDE_FILES = [TASK_METADATA, HISTORY_ITEM];

export const isApiHistoryName = (name: string): boolean => /^api_conversation_history.*\.json$/i.test(name);
export const isUiMessagesName = (name: string): boolean => /^(ui|claude)_messages.*\.json$/i.test(name);

/** The files of one task, resolved from whichever of them the parser was given. */
export interface TaskFiles {
  dir: string;
  /** The task id: its folder name inside `tasks/`, else the file's stem (a loose copy). */
  taskId: string;
  apiPath?: string;
  uiPath?: string;
  /** The storage root holding `tasks/` (and `state/taskHistory.json`), when inside one. */
  storageRoot?: string;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function firstFile(paths: readonly string[]): Promise<string | undefined> {
  for (const p of paths) if (await isFile(p)) return p;
  return undefined;
}

/**
 * Siblings are paired only under their real names: a loose copy such as
 * `api_conversation_history-backup.json` stands alone rather than borrowing another task's UI log.
 */
export async function resolveTaskFiles(path: string): Promise<TaskFiles> {
  const dir = dirname(path);
  const name = basename(path);
  const inTasks = basename(dirname(dir)) === 'tasks';
  const taskId = inTasks ? basename(dir) : basename(name, extname(name));
  const files: TaskFiles = { dir, taskId, ...(inTasks ? { storageRoot: dirname(dirname(dir)) } : {}) };
  if (isApiHistoryName(name)) {
    const ui = name === API_HISTORY ? await firstFile(UI_MESSAGE_FILES.map((n) => join(dir, n))) : undefined;
    return { ...files, apiPath: path, ...(ui ? { uiPath: ui } : {}) };
  }
  const canonical = UI_MESSAGE_FILES.includes(name);
  const api = canonical ? await firstFile([join(dir, API_HISTORY)]) : undefined;
  return { ...files, uiPath: path, ...(api ? { apiPath: api } : {}) };
}

export const sidePath = (t: TaskFiles, name: string): string => join(t.dir, name);
