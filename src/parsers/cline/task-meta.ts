import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readJsonFile } from '../shared/json-file.js';
import { streamJsonFile } from '../shared/json-stream.js';
import { WarningSink } from '../shared/warnings.js';
import { type HistoryItem, HistoryItemSchema, TaskMetadataSchema } from './schema.js';
import { HISTORY_ITEM, sidePath, TASK_METADATA, type TaskFiles } from './task-files.js';

/** What the side files say about a task: the title (`task`), its cwd, the models it used. */
export interface TaskMeta {
  title?: string;
  cwd?: string;
  models: string[];
}

const exists = async (p: string): Promise<boolean> => {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
};

/** Cline keeps one index for all tasks: `<root>/state/taskHistory.json` (older: one level up). */
function taskHistoryPaths(t: TaskFiles): string[] {
  if (!t.storageRoot) return [];
  return [join(t.storageRoot, 'state', 'taskHistory.json'), join(dirname(t.storageRoot), 'state', 'taskHistory.json')];
}

/** Streams the index (it holds every task) and stops at this task's entry. */
async function findInTaskHistory(path: string, taskId: string): Promise<HistoryItem | undefined> {
  // Index problems concern other tasks too: they are not this task's warnings.
  for await (const item of streamJsonFile(path, new WarningSink(path))) {
    if (item.kind !== 'element') continue;
    const h = HistoryItemSchema.safeParse(item.value);
    if (h.success && h.data.id === taskId) return h.data;
  }
  return undefined;
}

/** A small side file, its problems reported under its own name. */
async function readSide(path: string, sink: WarningSink): Promise<unknown> {
  const own = new WarningSink(path);
  const value = await readJsonFile(path, own);
  sink.list.push(...own.list);
  return value;
}

async function historyItem(t: TaskFiles, sink: WarningSink): Promise<HistoryItem | undefined> {
  const own = sidePath(t, HISTORY_ITEM);
  if (await exists(own)) {
    const h = HistoryItemSchema.safeParse(await readSide(own, sink));
    if (h.success) return h.data;
  }
  for (const p of taskHistoryPaths(t)) {
    if (!(await exists(p))) continue;
    const h = await findInTaskHistory(p, t.taskId);
    if (h) return h;
  }
  return undefined;
}

async function metadataModels(t: TaskFiles, sink: WarningSink): Promise<string[]> {
  const p = sidePath(t, TASK_METADATA);
  if (!(await exists(p))) return [];
  const value = await readSide(p, sink);
  const m = TaskMetadataSchema.safeParse(value);
  if (!m.success) {
    if (value !== undefined)
      sink.list.push({ kind: 'unknown-shape', file: p, reason: 'unexpected task metadata shape' });
    return [];
  }
  return (m.data.model_usage ?? []).flatMap((u) => (u.model_id ? [u.model_id] : []));
}

export async function loadTaskMeta(t: TaskFiles, sink: WarningSink): Promise<TaskMeta> {
  const [h, models] = await Promise.all([historyItem(t, sink), metadataModels(t, sink)]);
  const cwd = h?.cwdOnTaskInitialization || h?.workspace;
  return {
    ...(h?.task?.trim() ? { title: h.task.trim() } : {}),
    ...(cwd ? { cwd } : {}),
    models: models.length ? models : h?.modelId ? [h.modelId] : [],
  };
}
